import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA407: apt-get used in a way that bloats or breaks builds.
public struct AptHygieneRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA407", name: "apt-hygiene", category: .build, severity: .low,
        subject: "RUN with apt-get",
        standards: StandardReferences(cis: ["4.3", "4.7"], owasp: ["D04"]),
        summary: "`apt-get install` without `-y` or `--no-install-recommends`, package lists not removed in the same `RUN`, or `apt-get upgrade`",
        rationale: """
            Without `-y` the build waits for an answer that never comes; without \
            `--no-install-recommends` images carry hundreds of MB of suggested packages; lists left in \
            `/var/lib/apt/lists` add tens of MB to the layer (a later `RUN rm` cannot shrink it); \
            `upgrade` makes builds unreproducible and belongs in the base image. A cache mount on \
            `/var/lib/apt` replaces the cleanup.
            """,
        triggering: [
            RuleExample("every mistake in one RUN", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12\n↓RUN apt-get update && apt-get upgrade -y && apt-get install curl\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a builder stage answers yes; its lists and extra packages stay behind", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12 AS builder\nRUN apt-get update && apt-get install -y gcc make\nFROM debian:12-slim\nCOPY --from=builder /out/app /usr/local/bin/app\n",
            ]),
            RuleExample("flags and cleanup, or a cache mount", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12
                    RUN apt-get update \\
                        && apt-get install -y --no-install-recommends curl \\
                        && rm -rf /var/lib/apt/lists/*
                    RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\
                        apt-get update && apt-get -qq install --yes --no-install-recommends git
                    """,
            ]),
            RuleExample("a stage no service builds (`target:` stops before it)", files: [
                "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      target: production\n",
                "Dockerfile": """
                    FROM debian:12 AS production
                    COPY app /usr/local/bin/app
                    FROM production AS dev-envs
                    RUN apt-get update && apt-get install git
                    """,
            ]),
            RuleExample("`-qq` and `-qqy` imply `--assume-yes`", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12
                    RUN apt-get update -qq && apt-get install -qqy --no-install-recommends curl \\
                        && apt-get -qq install --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
                    """,
            ]),
        ],
        fixTitle: "Add `-y --no-install-recommends` and `rm -rf /var/lib/apt/lists/*`",
        fixSafety: .unsafe(.changesImageContents, consequence: "Recommended packages are no longer installed: a program that needs one fails at run time"),
        corrections: [
            RuleCorrection("flags after `install`, cleanup at the end of the same RUN", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install curl git\n",
            ], after: ["Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl git \\\n    && rm -rf /var/lib/apt/lists/*\n"]),
            RuleCorrection("a builder stage only gets `-y`: its lists and extra packages stay behind", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM debian:12 AS builder\nRUN apt-get update && apt-get install gcc\nFROM debian:12-slim\nCOPY --from=builder /out/app /app\n",
            ], after: ["Dockerfile": "FROM debian:12 AS builder\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim\nCOPY --from=builder /out/app /app\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let text = instruction.arguments + instruction.heredocs.map(\.effectiveBody).joined(separator: "\n")
        let words = ShellWords.split(text, escape: instruction.escape)
        let installs = Self.commands(words, verb: "install")
        let upgrades = Self.commands(words, verb: "upgrade") + Self.commands(words, verb: "dist-upgrade")
        guard !installs.isEmpty || !upgrades.isEmpty else { return .notApplicable }
        // Size is judged where the layer stays in the image: a builder stage's lists and extra packages stay behind.
        let inImage = project.layerReachesImage(instruction, in: dockerfile)
        var problems: [String] = []
        if installs.contains(where: { !$0.contains(where: Self.answersYes) }) {
            problems.append("no `-y`")
        }
        if inImage && installs.contains(where: { !$0.contains("--no-install-recommends") }) { problems.append("no `--no-install-recommends`") }
        let cached = instruction.flags.contains { $0.name == "mount" && ($0.value ?? "").contains("/var/lib/apt") }
        let cleanup = inImage && !installs.isEmpty && !cached && !text.contains("/var/lib/apt/lists")
        if cleanup { problems.append("package lists not removed") }
        if inImage && !upgrades.isEmpty { problems.append("`apt-get upgrade` in the image") }
        guard !problems.isEmpty else { return .passes }
        let fix = (upgrades.isEmpty || !inImage) && instruction.heredocs.isEmpty
            ? Self.fix(dockerfile, instruction, cleanup: cleanup, recommends: inImage) : nil
        return .fails(Violation("`apt-get` in `\(dockerfile.path)`: \(problems.joined(separator: ", "))",
                                at: dockerfile.location(instruction.range), fix: fix))
    }

    /// `recommends`: also add `--no-install-recommends` (not in a builder stage, where the extra packages stay behind).
    static func fix(_ dockerfile: Dockerfile, _ instruction: Instruction, cleanup: Bool, recommends: Bool = true) -> Fix? {
        let words = SourceWords(dockerfile, instruction).words
        var edits: [TextEdit] = []
        for index in words.indices.dropLast() where ["apt-get", "apt"].contains(ShellCommand.basename(words[index].text)) {
            let segment = words[(index + 1)...].prefix { !["&&", "||", ";", "|"].contains($0.text) }
            guard let install = segment.firstIndex(where: { $0.text == "install" }) else { continue }
            let command = segment.map(\.text)
            var flags: [String] = []
            if !command.contains(where: Self.answersYes) { flags.append("-y") }
            if recommends && !command.contains("--no-install-recommends") { flags.append("--no-install-recommends") }
            if !flags.isEmpty { edits.append(.insert(" " + flags.joined(separator: " "), at: words[install].range.end)) }
        }
        if cleanup {
            let editor = DockerfileEditor(dockerfile: dockerfile)
            edits.append(.insert(" " + editor.escape + editor.newline + "    && rm -rf /var/lib/apt/lists/*", at: instruction.range.end))
        }
        guard !edits.isEmpty else { return nil }
        return Fix(recommends || cleanup ? "Install with -y --no-install-recommends and remove the lists" : "Install with -y", applicability: .unsafe,
                   changes: [FileChange(path: dockerfile.path, edits: edits)])
    }

    /// Whether an apt-get option answers yes: `-y`, `--yes`, `--assume-yes`, a cluster with `y` (`-qy`), or `-qq`
    /// and clusters with it (`-qqy`), which imply `--assume-yes`.
    static func answersYes(_ word: String) -> Bool {
        if ["--yes", "--assume-yes", "--quiet=2", "-q=2"].contains(word) { return true }
        guard word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
        let letters = word.dropFirst()
        return letters.contains("y") || letters.filter { $0 == "q" }.count >= 2
    }

    /// The words of each `apt-get VERB …` (or `apt VERB`) command, up to the next `&&`/`;`/`|`.
    static func commands(_ words: [String], verb: String) -> [[String]] {
        var result: [[String]] = []
        var index = 0
        while index < words.count {
            let word = ShellCommand.basename(words[index])
            if word == "apt-get" || word == "apt" {
                var end = index + 1
                while end < words.count && !["&&", "||", ";", "|"].contains(words[end]) && !words[end].hasSuffix(";") { end += 1 }
                let command = Array(words[(index + 1)..<min(end + (end < words.count && words[end].hasSuffix(";") ? 1 : 0), words.count)])
                if command.contains(verb) { result.append(command) }
                index = end
            }
            index += 1
        }
        return result
    }
}
