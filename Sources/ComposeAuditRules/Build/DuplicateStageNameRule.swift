import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA420: two stages of one Dockerfile share a name.
public struct DuplicateStageNameRule: DockerfileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA420", name: "duplicate-stage-name", category: .build, severity: .high,
        subject: "Dockerfile with named stages",
        summary: "Two `FROM ... AS name` lines give stages the same name",
        rationale: """
            Stage names are unique (case does not matter): BuildKit refuses a Dockerfile that names two stages \
            alike, and a `COPY --from` or `target:` could not say which it means. Rename one of them.
            """,
        triggering: [
            RuleExample("two stages called build", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM golang:1.23 AS build
                    RUN go build -o /out/api ./cmd/api
                    ↓FROM node:22-alpine AS Build
                    RUN npm run build
                    FROM gcr.io/distroless/static:nonroot
                    COPY --from=build /out/api /api
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("distinct names and unnamed stages", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM golang:1.23 AS api\nFROM node:22-alpine AS web\nFROM alpine:3.20\nFROM alpine:3.20\n",
            ]),
        ]
    )

    public func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict {
        guard dockerfile.stages.filter({ $0.name != nil }).count >= 2 else { return .notApplicable }
        var seen: [String: Stage] = [:]
        var violations: [Violation] = []
        for stage in dockerfile.stages {
            guard let name = stage.name else { continue }
            if let first = seen[name] {
                let line = dockerfile.source.lineIndex(containing: first.from.range.start) + 1
                violations.append(Violation("Stage name `\(name)` is already used at line \(line): BuildKit refuses the Dockerfile",
                                            at: dockerfile.location(stage.from.range)))
            } else {
                seen[name] = stage
            }
        }
        return .judged(violations)
    }
}
