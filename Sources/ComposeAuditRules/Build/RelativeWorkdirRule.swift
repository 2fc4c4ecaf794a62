import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA413: WORKDIR relative to whatever came before.
public struct RelativeWorkdirRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA413", name: "relative-workdir", category: .build, severity: .low,
        subject: "WORKDIR",
        summary: "`WORKDIR` is a relative path",
        rationale: """
            A relative `WORKDIR` is resolved against the previous one, which may come from the base image \
            and change when it is updated. An absolute path says where files land.
            """,
        triggering: [
            RuleExample("relative path", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\n↓WORKDIR app\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("absolute, a variable, a Windows path", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nARG HOME_DIR=/srv\nWORKDIR /app\nWORKDIR $HOME_DIR/app\nWORKDIR C:\\\\app\n",
            ]),
        ]
    )

    public var keywords: Set<String> { ["WORKDIR"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let path = instruction.expandedWords.first ?? instruction.words.first ?? instruction.arguments
        let absolute = path.hasPrefix("/") || path.hasPrefix("$") || path.hasPrefix("\\")
            || (path.count >= 2 && Array(path)[1] == ":")
        guard !absolute else { return .passes }
        return .fails(Violation("`WORKDIR \(path)` is relative to the previous WORKDIR; use an absolute path",
                                at: dockerfile.location(instruction.range)))
    }
}
