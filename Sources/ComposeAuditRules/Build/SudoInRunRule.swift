import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA416: `sudo` in a `RUN`.
public struct SudoInRunRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA416", name: "sudo-in-run", category: .build, severity: .medium,
        subject: "instruction",
        standards: StandardReferences(owasp: ["D01"], cwe: [250]),
        summary: "A `RUN` command starts with `sudo`",
        rationale: """
            A build step runs as the stage's `USER`; `sudo` inside it either does nothing (the step already runs as \
            root) or means the image carries `sudo` and a sudoers rule that lets its unprivileged user become root \
            at run time, which undoes the point of that user. Switch with `USER root` for the steps that need it and \
            back with `USER app` afterwards.
            """,
        triggering: [
            RuleExample("sudo in a build step", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM ubuntu:24.04
                    USER ubuntu
                    ↓RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("USER root for the step, sudo only as a package or a word", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM ubuntu:24.04
                    USER root
                    RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*
                    RUN echo "sudo is installed for the developers' shell" > /etc/motd
                    USER ubuntu
                    """,
            ]),
        ]
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let text = instruction.execForm?.joined(separator: " ")
            ?? instruction.arguments + instruction.heredocs.map(\.effectiveBody).joined(separator: "\n")
        let words = ShellWords.split(text, escape: instruction.escape)
        var startsCommand = true
        for word in words {
            if startsCommand, ShellCommand.basename(word) == "sudo" {
                return .fails(Violation("`sudo` in a build step; use `USER root` for the steps that need it",
                                        at: dockerfile.location(instruction.range)))
            }
            if ["&&", "||", ";", "|", "then", "do", "else"].contains(word) || word.hasSuffix(";") {
                startsCommand = true
            } else if !(startsCommand && word.contains("=") && !word.hasPrefix("-")) {
                startsCommand = false
            }
        }
        return .passes
    }
}
