import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA401: a build context without `.dockerignore`.
public struct MissingDockerignoreRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA401", name: "missing-dockerignore", category: .build, severity: .medium,
        subject: "build context",
        summary: "A build context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore`)",
        rationale: """
            Without `.dockerignore` the builder receives the whole folder: `.git`, dependencies installed \
            on the host, caches, logs and any `.env` or key file lying around. Builds get slower, \
            `COPY . .` invalidates the cache on every commit, and secrets end up in image layers.
            """,
        triggering: [
            RuleExample("context without .dockerignore", files: [
                "compose.yaml": """
                    services:
                      app:
                        build:
                          context: ↓./app
                    """,
                "app/Dockerfile": "FROM alpine:3.20\nUSER nobody\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a .dockerignore in the context, or one for the Dockerfile", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ./app
                      api:
                        build:
                          context: ./api
                          dockerfile: api.Dockerfile
                    """,
                "app/Dockerfile": "FROM alpine:3.20\n",
                "app/.dockerignore": ".git\n",
                "api/api.Dockerfile": "FROM alpine:3.20\n",
                "api/api.Dockerfile.dockerignore": ".git\n",
            ]),
        ],
        fixTitle: "Create a .dockerignore for the languages found in the context",
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        let uses = project.contextUses()
        let violations = uses.compactMap { use -> Violation? in
            guard use.context?.dockerIgnore == nil else { return nil }
            let names = use.services.map { "`\($0)`" }.joined(separator: ", ")
            return Violation("Build context `\(use.path)` of \(names) has no .dockerignore: the whole folder is sent to the builder",
                             at: use.buildLocation, subject: "context:\(use.path)")
        }
        return RuleOutcome(subjectCount: uses.count, violations: violations)
    }
}
