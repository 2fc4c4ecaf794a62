import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA421: `yum`/`dnf`/`microdnf install` without `-y`, or without `clean all` in the same `RUN`.
public struct RpmPackageHygieneRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA421", name: "rpm-package-hygiene", category: .build, severity: .medium,
        subject: "instruction",
        summary: "`yum`, `dnf`, `microdnf` or `zypper install` without `-y` (`-n` for zypper), or without a cache clean in the same `RUN`",
        rationale: """
            A build has no terminal: without `-y`, `yum install` and `dnf install` ask for confirmation, read no \
            answer and stop the build. Their metadata and package cache (tens to hundreds of megabytes under \
            `/var/cache/yum` or `/var/cache/dnf`) stay in the layer unless the same `RUN` ends with \
            `yum clean all` (`dnf clean all`, `microdnf clean all`, `zypper clean --all`); a later `RUN` cannot take \
            them out of the earlier layer. A build cache mount at that folder is fine. openSUSE's `zypper` answers \
            with `-n` (`--non-interactive`) before the command or `-y` after `install`.
            """,
        triggering: [
            RuleExample("no -y and no clean", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM rockylinux:9\n↓RUN dnf install python3 git\n",
            ]),
            RuleExample("zypper without -n and without clean", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM opensuse/leap:15.6\n↓RUN zypper install curl\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a builder stage answers yes; its cache stays behind", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM rockylinux:9 AS builder\nRUN dnf install -y gcc make\nFROM rockylinux:9-minimal\nCOPY --from=builder /out/app /usr/local/bin/app\n",
            ]),
            RuleExample("-y with clean all, a cache mount, and other commands", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
                    RUN microdnf install -y python3 && microdnf clean all
                    RUN --mount=type=cache,target=/var/cache/dnf dnf install -y --setopt=keepcache=1 git
                    RUN yum --assumeyes install make && yum clean all && rm -rf /var/cache/yum
                    RUN dnf info python3
                    RUN zypper -n in curl && zypper clean --all
                    RUN zypper --non-interactive install git && zypper cc -a
                    """,
            ]),
        ],
        fixTitle: "Add `-y` and `clean all` at the end of the `RUN`",
        fixSafety: .safe("The package manager answers yes and drops its cache: the same packages, a smaller layer"),
        corrections: [
            RuleCorrection("-y after install, clean all at the end of the same RUN", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM rockylinux:9\nRUN dnf install python3 git\n",
            ], after: ["Dockerfile": "FROM rockylinux:9\nRUN dnf install -y python3 git \\\n    && dnf clean all\n"]),
            RuleCorrection("zypper: -y after install, clean --all at the end", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM opensuse/leap:15.6\nRUN zypper install curl\n",
            ], after: ["Dockerfile": "FROM opensuse/leap:15.6\nRUN zypper install -y curl \\\n    && zypper clean --all\n"]),
            RuleCorrection("a builder stage only gets `-y`: its cache stays behind", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM rockylinux:9 AS builder\nRUN dnf install gcc\nFROM rockylinux:9-minimal\nCOPY --from=builder /out/app /app\n",
            ], after: ["Dockerfile": "FROM rockylinux:9 AS builder\nRUN dnf install -y gcc\nFROM rockylinux:9-minimal\nCOPY --from=builder /out/app /app\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public var keywords: Set<String> { ["RUN"] }

    static let managers: Set<String> = ["yum", "dnf", "microdnf", "zypper"]

    static func answersYes(_ word: String, manager: String) -> Bool {
        if manager == "zypper", ["-n", "--non-interactive", "--no-confirm"].contains(word) { return true }
        return word == "-y" || word == "--assumeyes" || (word.hasPrefix("-") && !word.hasPrefix("--") && word.contains("y"))
    }

    /// The command that empties the manager's cache.
    static func cleanCommand(_ manager: String) -> String { manager == "zypper" ? "zypper clean --all" : "\(manager) clean all" }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let source = SourceWords(dockerfile, instruction)
        let words = source.words
        var installs: [(manager: String, verb: TextRange, answersYes: Bool)] = []
        for index in words.indices where Self.managers.contains(ShellCommand.basename(words[index].text)) {
            let command = source.arguments(ofCommandAt: index)
            guard let verb = command.first(where: { !$0.text.hasPrefix("-") }),
                  ["install", "in", "reinstall", "upgrade", "update", "up"].contains(verb.text) else { continue }
            let manager = ShellCommand.basename(words[index].text)
            installs.append((manager, verb.range, command.contains { Self.answersYes($0.text, manager: manager) }))
        }
        guard let manager = installs.first?.manager else { return .notApplicable }
        let text = instruction.arguments + instruction.heredocs.map(\.effectiveBody).joined(separator: "\n")
        let cached = instruction.flags.contains { $0.name == "mount" && ($0.value ?? "").contains("/var/cache/") }
        // A builder stage's cache stays behind with its layers: the clean is asked for only in the image's stages.
        let cleaned = cached || ["clean all", "zypper clean", "zypper cc", "rm -rf /var/cache/"].contains { text.contains($0) }
            || !project.layerReachesImage(instruction, in: dockerfile)
        let unanswered = installs.filter { !$0.answersYes }
        guard !unanswered.isEmpty || !cleaned else { return .passes }
        var problems: [String] = []
        if !unanswered.isEmpty { problems.append("no `-y` (the build stops at the confirmation)") }
        if !cleaned { problems.append("no `\(Self.cleanCommand(manager))` (the package cache stays in the layer)") }
        var fix: Fix?
        if instruction.heredocs.isEmpty, instruction.execForm == nil {
            let editor = DockerfileEditor(dockerfile: dockerfile)
            var edits: [TextEdit] = unanswered.map { .insert(" -y", at: $0.verb.end) }
            if !cleaned { edits.append(.insert(" " + editor.escape + editor.newline + "    && \(Self.cleanCommand(manager))", at: instruction.range.end)) }
            fix = Fix(cleaned ? "Add `-y`" : "Add `-y` and `\(Self.cleanCommand(manager))`", applicability: .safe, changes: [FileChange(path: dockerfile.path, edits: edits)])
        }
        return .fails(Violation("`\(manager)` in `\(dockerfile.path)`: \(problems.joined(separator: ", "))",
                                at: dockerfile.location(instruction.range), fix: fix))
    }
}
