import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA429: `ln` over `/bin/sh` to change the build's shell.
public struct ShellReplacedByLinkRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA429", name: "shell-replaced-by-link", category: .build, severity: .low,
        subject: "instruction",
        summary: "A `RUN` links `/bin/sh` to another shell instead of using `SHELL`",
        rationale: """
            `ln -sf /bin/bash /bin/sh` changes the shell of every later `RUN` without saying so, and also of every \
            script in the image that starts with `#!/bin/sh` and of the programs that call `system()`: code written \
            for dash or BusyBox then runs under bash at run time. `SHELL [\"/bin/bash\", \"-c\"]` changes the shell \
            of the build's `RUN` steps only, where a reader sees it (and where CA423 reads it).
            """,
        triggering: [
            RuleExample("bash linked over sh", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12-slim\nRUN ↓ln -sf /bin/bash /bin/sh\nRUN source /etc/profile\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("SHELL, and other links", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    SHELL ["/bin/bash", "-c"]
                    RUN ln -s /usr/bin/python3 /usr/local/bin/python && ln -sf /bin/sh /usr/local/bin/shell
                    """,
            ]),
        ]
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        guard instruction.execForm == nil, instruction.arguments.contains("/bin/sh") else { return .notApplicable }
        let source = SourceWords(dockerfile, instruction)
        let links = source.words.indices.filter { index in
            guard ShellCommand.basename(source.words[index].text) == "ln" else { return false }
            let operands = source.arguments(ofCommandAt: index).map(\.text).filter { !$0.hasPrefix("-") }
            return operands.count >= 2 && ["/bin/sh", "/usr/bin/sh"].contains(operands.last ?? "")
        }
        // Counted only where it fails: most RUNs that name /bin/sh do not replace it.
        guard !links.isEmpty else { return .notApplicable }
        return .judged(links.map { index in
            Violation("`ln` replaces `/bin/sh` for the whole image; use `SHELL` to change the shell of `RUN`",
                      at: dockerfile.location(source.words[index].range))
        })
    }
}
