import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA428: `useradd` with a large UID and without `-l` (`--no-log-init`).
public struct UseraddLastlogRule: InstructionRule {
    public init() {}

    static let largeUID = 100_000

    public static let description = RuleDescription(
        id: "CA428", name: "useradd-without-no-log-init", category: .build, severity: .low,
        subject: "instruction",
        summary: "`useradd` with a large UID and without `-l`: the image gets a huge `/var/log/lastlog`",
        rationale: """
            `useradd` records the new user in `/var/log/lastlog` and `faillog`, files indexed by UID: on the host \
            they are sparse, but an image layer stores them whole, so a UID such as 1000000 adds hundreds of \
            megabytes of zeros to the image. `useradd -l` (`--no-log-init`) skips those records, which a container \
            never reads.
            """,
        triggering: [
            RuleExample("a UID in the millions", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12-slim\nRUN ↓useradd -u 1000001 -m app\nUSER app\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("-l, --no-log-init, a small UID", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    RUN useradd -l -u 1000001 app && useradd --no-log-init --uid 2000000 worker && useradd -u 1000 web
                    USER app
                    """,
            ]),
        ],
        fixTitle: "Add `-l` to `useradd`",
        fixSafety: .safe("The same user, without the login records a container never reads"),
        corrections: [
            RuleCorrection("-l after useradd", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12-slim\nRUN useradd -u 1000001 -m app\nUSER app\n",
            ], after: ["Dockerfile": "FROM debian:12-slim\nRUN useradd -l -u 1000001 -m app\nUSER app\n"]),
        ]
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        guard instruction.execForm == nil, instruction.arguments.contains("useradd") else { return .notApplicable }
        let source = SourceWords(dockerfile, instruction)
        var violations: [Violation] = []
        for index in source.words.indices where ShellCommand.basename(source.words[index].text) == "useradd" {
            let arguments = source.arguments(ofCommandAt: index).map(\.text)
            guard !arguments.contains(where: { $0 == "-l" || $0 == "--no-log-init" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("l")) }),
                  let uid = Self.uid(in: arguments), uid >= Self.largeUID else { continue }
            let fix = Fix("Add `-l` to `useradd`", applicability: .safe, changes: [
                FileChange(path: dockerfile.path, edits: [.insert(" -l", at: source.words[index].range.end)]),
            ])
            violations.append(Violation("`useradd` with UID \(uid) and without `-l` writes a `/var/log/lastlog` of about "
                                        + "\(uid * 292 / 1_000_000) MB into the layer", at: dockerfile.location(source.words[index].range), fix: fix))
        }
        // Counted only where it fails: most RUNs with useradd pass, and would only raise scores.
        return violations.isEmpty ? .notApplicable : .judged(violations)
    }

    /// The number after `-u`/`--uid` (also `--uid=N`).
    static func uid(in arguments: [String]) -> Int? {
        for (index, word) in arguments.enumerated() {
            if word == "-u" || word == "--uid", index + 1 < arguments.count { return Int(arguments[index + 1]) }
            if word.hasPrefix("--uid=") { return Int(word.dropFirst(6)) }
        }
        return nil
    }
}
