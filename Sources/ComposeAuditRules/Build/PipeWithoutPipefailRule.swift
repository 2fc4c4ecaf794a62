import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA422: a pipe in a shell-form `RUN` whose shell does not fail when an earlier command of the pipe fails.
public struct PipeWithoutPipefailRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA422", name: "pipe-without-pipefail", category: .build, severity: .low,
        subject: "instruction",
        standards: StandardReferences(cwe: [252]),
        summary: "A `RUN` pipes commands (`curl ... | tar -x`) without `pipefail`, so a failed download still builds",
        rationale: """
            A pipeline's status is its last command's: `RUN curl -fsSL $URL | tar -xz` builds happily when the \
            download fails and `tar` reads nothing, and the image ships without what it was meant to contain. \
            With `pipefail` any failing command fails the step. How to get it depends on the shell: Debian's and \
            Ubuntu's `/bin/sh` (dash) has no `pipefail`, so use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` \
            before the `RUN`; Alpine's BusyBox shell has it, so `set -o pipefail &&` at the start of the `RUN` \
            works there. Pipes that start with `echo` or `printf`, which cannot fail, are not reported.
            """,
        triggering: [
            RuleExample("a download piped into tar on Debian", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    ↓RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("pipes inside command substitutions, whose status the script never sees", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12-slim\nRUN for group in $(ls /etc | sort -r); do echo \"$group\"; done\nRUN echo `uname -a | cut -d' ' -f1` > /os\n",
            ]),
            RuleExample("pipefail by SHELL, by set -o, an echo, a quoted bar and exec form", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim AS base
                    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                    FROM base
                    RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
                    RUN set -eux -o pipefail; wget -qO- https://example.com/key | gpg --dearmor > /key.gpg
                    RUN echo "deb http://deb.example.com stable main" | tee /etc/apt/sources.list.d/x.list
                    RUN awk -F '|' '{print $1}' /etc/table > /etc/first
                    RUN ["sh", "-c", "ls | wc -l"]
                    """,
            ]),
        ],
        fixTitle: "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the `RUN` (Debian, Ubuntu, Red Hat), or start it with `set -o pipefail &&` (Alpine)",
        fixSafety: .unsafe(.changesImageContents, consequence: "A pipe whose earlier command fails now fails the build; after the SHELL line the stage's RUN steps run under bash instead of dash"),
        corrections: [
            RuleCorrection("SHELL with bash and pipefail before the first such RUN of the stage (Debian)", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12-slim\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\nRUN curl -fsSL https://example.com/b.tgz | tar -xz -C /opt\n",
            ], after: ["Dockerfile": "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\nRUN curl -fsSL https://example.com/b.tgz | tar -xz -C /opt\n"]),
            RuleCorrection("set -o pipefail at the start of the RUN (Alpine)", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nRUN wget -qO- https://example.com/a.tgz | tar -xz -C /opt\n",
            ], after: ["Dockerfile": "FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz -C /opt\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public var keywords: Set<String> { ["RUN"] }

    /// The shell-form script of a `RUN` with its heredoc bodies.
    static func script(of instruction: Instruction) -> String {
        instruction.arguments + instruction.heredocs.map(\.effectiveBody).joined(separator: "\n")
    }

    /// Pipes that start with a command that can fail (`echo` and `printf` cannot).
    static func canFail(_ heads: [String]) -> Bool { heads.contains { !["echo", "printf"].contains($0) } }

    /// Whether `instruction` pipes a command that can fail without `pipefail` in its own text.
    static func pipesWithoutPipefail(_ instruction: Instruction) -> Bool {
        guard instruction.keyword == "RUN", instruction.execForm == nil else { return false }
        let script = script(of: instruction)
        return !script.contains("pipefail") && canFail(ShellPipes.pipelineHeads(script))
    }

    /// The fix: a `SHELL` with bash and pipefail before the stage's first such `RUN` where the image has bash
    /// (Debian, Ubuntu, the Red Hat family), `set -o pipefail &&` where BusyBox's sh has it; none elsewhere.
    static func fix(_ instruction: Instruction, in stage: Stage, of dockerfile: Dockerfile) -> Fix? {
        let editor = DockerfileEditor(dockerfile: dockerfile)
        switch ShellDialect.systemShell(of: dockerfile.rootImage(of: stage)) {
        case .dash?, .bash?:
            // One SHELL covers the later RUNs of the stage: only the first of them is fixed.
            let earlier = stage.instructions.prefix { $0.range.start < instruction.range.start }
            guard !earlier.contains(where: { pipesWithoutPipefail($0) }) else { return nil }
            let shell = DockerfileEditor.execForm(["/bin/bash", "-o", "pipefail", "-c"])
            return Fix("Add `SHELL \(shell)` before the `RUN`", applicability: .unsafe,
                       changes: [FileChange(path: dockerfile.path, edits: [editor.insert(["SHELL " + shell], before: instruction)])])
        case .busybox?:
            return Fix("Start the `RUN` with `set -o pipefail &&`", applicability: .unsafe,
                       changes: [FileChange(path: dockerfile.path, edits: [.insert("set -o pipefail && ", at: instruction.argumentsSourceStart)])])
        default:
            return nil
        }
    }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        guard instruction.execForm == nil else { return .notApplicable }
        let script = Self.script(of: instruction)
        let pipes = ShellPipes.pipelineHeads(script)
        guard !pipes.isEmpty, let stage = dockerfile.stage(containing: instruction) else { return .notApplicable }
        let shells = dockerfile.inheritedInstructions(of: stage).filter { $0.keyword == "SHELL" }
        if let shell = shells.last?.words.first.map(ShellCommand.basename),
           !["sh", "bash", "ash", "dash", "zsh", "ksh"].contains(shell) { return .notApplicable }
        if shells.last?.words.contains("pipefail") == true || script.contains("pipefail") { return .passes }
        guard Self.canFail(pipes) else { return .passes }
        // The same reading of the image as the fix's.
        let advice = ShellDialect.systemShell(of: dockerfile.rootImage(of: stage)) == .busybox
            ? "start the RUN with `set -o pipefail &&`"
            : "add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before it (`/bin/sh` on Debian and Ubuntu has no pipefail)"
        let fix = instruction.heredocs.isEmpty ? Self.fix(instruction, in: stage, of: dockerfile) : nil
        return .fails(Violation("A pipe in `RUN` hides a failure of the commands before `|`; \(advice)",
                                at: dockerfile.location(instruction.range), fix: fix))
    }
}
