import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA424: an instruction keyword BuildKit does not know, or an `ONBUILD` trigger it refuses.
public struct UnknownInstructionRule: DockerfileRule {
    public init() {}

    static let keywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    public static let description = RuleDescription(
        id: "CA424", name: "unknown-instruction", category: .build, severity: .high,
        subject: "Dockerfile with an unknown instruction",
        summary: "A Dockerfile line starts with a word that is no instruction (`RUNN`), or `ONBUILD` wraps `FROM`, `ONBUILD` or `MAINTAINER`: the build fails",
        rationale: """
            BuildKit reads the whole Dockerfile before it builds anything and stops at a line whose first word is \
            not an instruction (`unknown instruction: RUNN`), so `docker compose build` fails for every service that \
            builds the file, whatever stage it targets. A typo, or a continuation line whose backslash was lost, \
            is the usual cause. `ONBUILD` may not wrap `ONBUILD`, `FROM` or `MAINTAINER`: BuildKit refuses those too.
            """,
        triggering: [
            RuleExample("a misspelt keyword and a lost continuation", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    ↓RUNN apt-get update
                    RUN apt-get install -y --no-install-recommends curl
                    ↓ca-certificates
                    ONBUILD ↓FROM debian:12-slim
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("keywords in any case, a continued line, a heredoc", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    from debian:12-slim
                    run apt-get update && apt-get install -y --no-install-recommends \\
                        curl
                    COPY <<EOF /etc/motd
                    welcome
                    EOF
                    ONBUILD COPY . /app
                    Cmd ["bash"]
                    """,
            ]),
        ]
    )

    /// Counted only where it fails: a rule every parsed Dockerfile passes would only raise scores.
    public func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict {
        let unknown = dockerfile.instructions.filter { !Self.keywords.contains($0.keyword) }
        let triggers = dockerfile.instructions.filter { $0.keyword == "ONBUILD" }.compactMap(Self.refusedTrigger)
        guard !unknown.isEmpty || !triggers.isEmpty else { return .notApplicable }
        return .judged(triggers.map { word, range in
            Violation("`ONBUILD \(word)` is not allowed, so the build fails", at: dockerfile.location(range))
        } + unknown.map { instruction in
            let word = dockerfile.source.text(in: instruction.keywordRange)
            let suggestion = Spelling.closest(to: instruction.keyword, among: Array(Self.keywords).sorted(), maximumEdits: 2)
            return Violation("`\(word)` is no Dockerfile instruction, so the build fails"
                             + (suggestion.map { "; did you mean `\($0)`?" } ?? ""), at: dockerfile.location(instruction.keywordRange))
        })
    }

    /// The wrapped keyword of an `ONBUILD` that BuildKit refuses, with where it is written.
    static func refusedTrigger(_ instruction: Instruction) -> (String, TextRange)? {
        guard let word = instruction.argumentRanges.first else { return nil }
        let keyword = instruction.buildKitView.subKeyword ?? ""
        guard ["ONBUILD", "FROM", "MAINTAINER"].contains(keyword) else { return nil }
        return (keyword, word)
    }
}
