import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA418: `EXPOSE` with a port outside 1-65535 or a protocol other than tcp/udp/sctp.
public struct InvalidExposeRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA418", name: "invalid-expose", category: .build, severity: .high,
        subject: "instruction",
        summary: "`EXPOSE` names a port outside 1-65535, a reversed range, or a protocol other than tcp, udp or sctp",
        rationale: """
            A port is a number from 1 to 65535, optionally a range (`8000-8010`) and a protocol (`/tcp`, `/udp`, \
            `/sctp`). Anything else (`EXPOSE 80800`, `EXPOSE 8080/http`) fails the build, or leaves metadata that \
            tools reading the image's exposed ports reject. Variables (`EXPOSE ${PORT}`) are left alone.
            """,
        triggering: [
            RuleExample("a port too large and an unknown protocol", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM nginx:1.27\nEXPOSE 80 ↓80800\nEXPOSE ↓8443/https ↓9000-8000\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("ports, ranges, protocols and variables", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM nginx:1.27\nARG PORT=8080\nEXPOSE 80 443/tcp 53/udp 8000-8010 ${PORT}\n",
            ]),
        ]
    )

    public var keywords: Set<String> { ["EXPOSE"] }

    /// Why a written port is not one, or nil when it is (or is a variable).
    static func problem(_ port: String) -> String? {
        guard !port.contains("$") else { return nil }
        let parts = port.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, !["tcp", "udp", "sctp"].contains(parts[1].lowercased()) { return "protocol `\(parts[1])` is not tcp, udp or sctp" }
        let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count <= 2, bounds.allSatisfy({ $0 != nil }) else { return "`\(parts[0])` is not a port number" }
        let numbers = bounds.compactMap { $0 }
        if let out = numbers.first(where: { !(1...65535).contains($0) }) { return "\(out) is outside 1-65535" }
        if numbers.count == 2, numbers[0] > numbers[1] { return "the range ends before it starts" }
        return nil
    }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let ranges = instruction.argumentRanges
        return .judged(instruction.words.enumerated().compactMap { index, word in
            Self.problem(word).map { problem in
                let range = index < ranges.count ? ranges[index] : instruction.range
                return Violation("`EXPOSE \(word)`: \(problem)", at: dockerfile.location(range))
            }
        })
    }
}
