import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA412: the deprecated MAINTAINER instruction.
public struct DeprecatedMaintainerRule: DockerfileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA412", name: "deprecated-maintainer", category: .build, severity: .info,
        subject: "Dockerfile",
        summary: "`MAINTAINER` is deprecated",
        rationale: """
            `MAINTAINER` has been deprecated since Docker 1.13; tools read the author from the \
            `org.opencontainers.image.authors` label instead.
            """,
        triggering: [
            RuleExample("MAINTAINER", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\n↓MAINTAINER Jane Doe <jane@example.com>\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("the OCI label", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
            ]),
        ],
        fixTitle: "Replace it with `LABEL org.opencontainers.image.authors=…`",
        fixSafety: .safe("The author moves from the deprecated `MAINTAINER` field to the `org.opencontainers.image.authors` label"),
        corrections: [
            RuleCorrection("the same author as a label", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
            ], after: ["Dockerfile": "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n"]),
        ]
    )

    public func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict {
        .judged(project.builtInstructions(of: dockerfile).filter { $0.keyword == "MAINTAINER" }.map { instruction in
            let author = instruction.arguments.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            let fix = Fix("Use the authors label", applicability: .safe, changes: [
                FileChange(path: dockerfile.path, edits: [
                    DockerfileEditor(dockerfile: dockerfile).replace(instruction, with: "LABEL org.opencontainers.image.authors=\"\(author)\""),
                ]),
            ])
            return Violation("`MAINTAINER` is deprecated; use the label `org.opencontainers.image.authors`",
                             at: dockerfile.location(instruction.range), fix: fix)
        })
    }
}
