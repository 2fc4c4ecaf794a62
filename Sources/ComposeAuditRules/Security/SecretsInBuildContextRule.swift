import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA213: secret files sent to the builder.
public struct SecretsInBuildContextRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA213", name: "secrets-in-build-context", category: .security, severity: .critical,
        subject: "build context",
        summary: "Files that look like secrets (`.env`, `*.pem`, `*.key`, `id_rsa*`, `*.p12`, `credentials*.json`, `.npmrc`, …) are in a build context and not excluded by `.dockerignore`",
        rationale: """
            Everything in the build context can end up in an image layer: one `COPY . .` and the \
            production `.env` or a TLS private key ships to every registry and machine that pulls the \
            image, where `docker save` extracts it. Exclude secret files in `.dockerignore` even when no \
            instruction copies them today.
            """,
        triggering: [
            RuleExample("a .env and a key in the context", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ↓.
                    """,
                "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
                ".env": "DB_PASSWORD=x\n",
                "certs/server.key": "not really a key",
            ]),
        ],
        nonTriggering: [
            RuleExample("excluded, or only the example file", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
                ".dockerignore": ".env\n**/*.key\n",
                ".env": "DB_PASSWORD=x\n",
                ".env.example": "DB_PASSWORD=\n",
                "certs/server.key": "not really a key",
            ]),
        ],
        fixTitle: "Append the secret files to .dockerignore",
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        let uses = project.contextUses()
        var violations: [Violation] = []
        for use in uses {
            guard let context = use.context else { continue }
            let exposed = context.files.filter { !$0.isIgnored && Secrets.isSecretFile($0.path) }.map(\.path)
            guard !exposed.isEmpty else { continue }
            let shown = exposed.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (exposed.count > 5 ? " and \(exposed.count - 5) more" : "")
            violations.append(Violation("Build context `\(use.path)` sends secret-looking files to the builder: \(shown)",
                                        at: use.buildLocation, subject: "context:\(use.path)"))
        }
        return RuleOutcome(subjectCount: uses.count, violations: violations)
    }
}
