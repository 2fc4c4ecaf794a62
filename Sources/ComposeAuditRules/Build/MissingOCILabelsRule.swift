import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA405: images without OCI labels.
public struct MissingOCILabelsRule: FinalStageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA405", name: "missing-oci-labels", category: .build, severity: .info,
        subject: "Dockerfile",
        standards: StandardReferences(owasp: ["D08"]),
        summary: "The final stage lacks the OCI labels `org.opencontainers.image.title` and `.version`, or `.source` (or `.description`) in a project with a git remote",
        rationale: """
            Labels are how registries, scanners and people answer "what is this image and where did it \
            come from" months later: GitHub links packages to repositories by `.source`, and rollbacks \
            need `.version`. Set them in the final stage, the version from a build argument.
            """,
        triggering: [
            RuleExample("no labels; a title alone", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n  api:\n    build: ./api\n",
                "Dockerfile": "FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.title=app\n↓FROM alpine:3.20\nCMD [\"true\"]\n",
                "api/Dockerfile": "FROM alpine:3.20\n↓LABEL org.opencontainers.image.title=\"api\"\n",
            ]),
            RuleExample("a project with a git remote: the source is asked for", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nARG VERSION\n↓LABEL org.opencontainers.image.title=\"app\" org.opencontainers.image.version=\"${VERSION}\"\n",
                ".git/config": "[remote \"origin\"]\n\turl = https://github.com/example/shop.git\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("no git remote: title and version are enough (a source would be a guess)", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nARG VERSION\nLABEL org.opencontainers.image.title=\"app\" org.opencontainers.image.version=\"${VERSION}\"\n",
            ]),
            RuleExample("title, version and source, partly inherited", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM alpine:3.20 AS base
                    LABEL org.opencontainers.image.source="https://example.com/app.git"
                    FROM base
                    ARG VERSION=dev
                    LABEL org.opencontainers.image.title="app" \\
                          org.opencontainers.image.version="${VERSION}"
                    """,
            ]),
        ],
        fixTitle: "Add a LABEL block with the title (the one service that builds the Dockerfile), the version (from `ARG VERSION`) and the source (the git remote); none for a Dockerfile several services build",
        fixSafety: .unsafe(.inventsValue, consequence: "The image gets OCI labels; `version` stays empty until a build passes `VERSION` (`build.args` or `--build-arg`)"),
        corrections: [
            RuleCorrection("source from the git remote", before: [
                "compose.yaml": "services:\n  web:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine AS build\nRUN npm ci\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
                ".git/config": "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:example/shop.git\n",
            ], after: ["Dockerfile": """
                FROM node:22-alpine AS build
                RUN npm ci
                FROM nginx:1.27-alpine
                ARG VERSION
                LABEL org.opencontainers.image.title="web" \\
                      org.opencontainers.image.version="${VERSION}" \\
                      org.opencontainers.image.source="https://github.com/example/shop"
                COPY --from=build /app/dist /usr/share/nginx/html

                """]),
        ]
    )

    /// `ARG VERSION` and one LABEL with the missing keys, right after the final stage's FROM; values only from the
    /// project: the title is the one service that builds the Dockerfile, the source its git remote, the version a
    /// build argument. Nil when one of them is not known (a shared Dockerfile, no remote).
    static func fix(dockerfile: Dockerfile, stage: Stage, missing: [String], title: String?, project: Project) -> Fix? {
        let editor = DockerfileEditor(dockerfile: dockerfile)
        let prefix = "org.opencontainers.image."
        var labels: [String] = []
        var lines: [String] = []
        for key in missing {
            switch key {
            case "title":
                guard let title else { return nil }
                labels.append("\(prefix)title=\"\(title)\"")
            case "version":
                labels.append("\(prefix)version=\"${VERSION}\"")
                let declared = dockerfile.inheritedInstructions(of: stage).contains { instruction in
                    instruction.keyword == "ARG" && KeyValueWords.arguments(instruction.arguments).contains { $0.0 == "VERSION" }
                }
                if !declared { lines.append("ARG VERSION") }
            default:
                guard let remote = GitRemote.url(in: project) else { return nil }
                labels.append("\(prefix)source=\"\(remote)\"")
            }
        }
        guard !labels.isEmpty else { return nil }
        lines.append(editor.continued(["LABEL " + labels[0]] + labels.dropFirst(), indent: "      "))
        return Fix("Add OCI labels", applicability: .unsafe, changes: [
            FileChange(path: dockerfile.path, edits: [editor.insert(lines, after: stage.from)]),
        ])
    }

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        let labelInstructions = dockerfile.inheritedInstructions(of: stage).filter { $0.keyword == "LABEL" }
        let keys = Set(labelInstructions.flatMap { KeyValueWords.pairs($0.arguments).map(\.0) })
        let prefix = "org.opencontainers.image."
        var missing: [String] = []
        for key in ["title", "version"] where !keys.contains(prefix + key) { missing.append(key) }
        // The source is asked for where the project says what it is (its git remote); elsewhere it would be a guess.
        if GitRemote.url(in: project) != nil && !keys.contains(prefix + "source") && !keys.contains(prefix + "description") {
            missing.append("source")
        }
        guard !missing.isEmpty else { return .passes }
        let anchor = stage.instructions.last { $0.keyword == "LABEL" } ?? stage.from
        let builders = project.services.filter { project.build(of: $0.name)?.dockerfile?.path == dockerfile.path }
        let title = builders.count == 1 ? builders[0].name : nil
        let fix = Self.fix(dockerfile: dockerfile, stage: stage, missing: missing, title: title, project: project)
        return .fails(Violation("The image of `\(dockerfile.path)` lacks the OCI labels \(missing.map { "`\(prefix)\($0)`" }.joined(separator: ", "))",
                                at: dockerfile.location(anchor.range), fix: fix))
    }
}
