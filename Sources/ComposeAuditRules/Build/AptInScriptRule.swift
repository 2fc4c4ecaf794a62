import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA426: `apt` (the interactive front end) in a `RUN` instead of `apt-get`.
public struct AptInScriptRule: InstructionRule {
    public init() {}

    static let verbs: Set<String> = ["install", "update", "upgrade", "remove", "purge", "autoremove", "full-upgrade", "dist-upgrade"]

    public static let description = RuleDescription(
        id: "CA426", name: "apt-in-script", category: .build, severity: .low,
        subject: "instruction",
        summary: "A `RUN` uses `apt`, whose command line is meant for people, instead of `apt-get`",
        rationale: """
            `apt` is the interactive front end: it warns \"apt does not have a stable CLI interface. Use with caution \
            in scripts\", draws progress bars into the build log, and its options and output may change between \
            releases. `apt-get` does the same work with a stable interface meant for scripts, and is what the other \
            checks of this tool (`-y`, `--no-install-recommends`, removed package lists) read.
            """,
        triggering: [
            RuleExample("apt update and apt install", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM ubuntu:24.04
                    RUN ↓apt update && ↓apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("apt-get, and apt as a word that is no command", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM ubuntu:24.04
                    RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                    RUN echo apt install is for people > /etc/motd && ls /etc/apt
                    """,
            ]),
        ],
        fixTitle: "Use `apt-get`",
        fixSafety: .safe("`apt-get` installs the same packages as `apt`, without the interactive output"),
        corrections: [
            RuleCorrection("apt becomes apt-get", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
            ], after: ["Dockerfile": "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"]),
        ]
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        guard instruction.execForm == nil, instruction.arguments.contains("apt ") else { return .notApplicable }
        let words = SourceWords(dockerfile, instruction).words
        let commands = words.indices.filter { index in
            guard words[index].text == "apt", index + 1 < words.count, Self.verbs.contains(words[index + 1].text) else { return false }
            guard index > 0 else { return true }
            let before = words[index - 1].text
            return ["&&", "||", ";", "|", "sudo", "then", "do"].contains(before) || before.hasSuffix(";")
        }
        guard !commands.isEmpty else { return .passes }
        return .judged(commands.map { index in
            let fix = Fix("Use `apt-get`", applicability: .safe, changes: [
                FileChange(path: dockerfile.path, edits: [TextEdit(range: words[index].range, replacement: "apt-get")]),
            ])
            return Violation("`apt \(words[index + 1].text)` in a `RUN`: use `apt-get`, whose interface is stable for scripts",
                             at: dockerfile.location(words[index].range), fix: fix)
        })
    }
}
