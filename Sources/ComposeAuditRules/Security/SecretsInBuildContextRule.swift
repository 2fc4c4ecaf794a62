import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA213: secret files sent to the builder.
public struct SecretsInBuildContextRule: BuildContextRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA213", name: "secrets-in-build-context", category: .security, severity: .critical,
        subject: "build context",
        standards: StandardReferences(cis: ["4.10"], owasp: ["D06"], cwe: [538]),
        summary: "Files that look like secrets (`.env`, `*.pem`, `*.key`, `id_rsa*`, `*.p12`, `credentials*.json`, `.npmrc`, …) are in a build context and not excluded by `.dockerignore` (medium when no COPY, ADD or bind mount can take them)",
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
            RuleExample("the Dockerfile copies named files only: sent to the builder, not into the image (medium)", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ↓.
                    """,
                "Dockerfile": "FROM python:3.12-slim\nCOPY requirements.txt app.py /app/\n",
                ".env": "DB_PASSWORD=x\n",
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
        fixSafety: .unsafe(.changesImageContents, consequence: "The files no longer reach the build: an image that copied them (`COPY . .`) no longer contains them"),
        corrections: [
            RuleCorrection("patterns for each kind of secret file found", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
                ".dockerignore": ".git\n",
                ".env": "DB_PASSWORD=x\n",
                "certs/server.key": "not really a key",
            ], after: [".dockerignore": ".git\n\n# Added by compose-audit: secrets never belong in an image\n.env\n**/*.key\n"]),
        ]
    )

    /// One pattern per kind of file: the exact name at the top, `**/*.ext` for extensions anywhere.
    static func patterns(for paths: [String]) -> [String] {
        var result: [String] = []
        for path in paths {
            let name = PathName.lastComponent(of: path)
            let pattern: String
            if let dot = name.lastIndex(of: "."), name.first != ".", [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"].contains(String(name[dot...]).lowercased()) {
                pattern = "**/*" + name[dot...]
            } else {
                pattern = path.contains("/") ? "**/" + name : name
            }
            if !result.contains(pattern) { result.append(pattern) }
        }
        return result
    }

    public func judge(_ use: ContextUse, in project: Project) -> Verdict {
        guard let context = use.context else { return .passes }
        let exposed = context.files.filter { !$0.isIgnored && Secrets.isSecretFile($0.path) }.map(\.path)
        guard !exposed.isEmpty else { return .passes }
        let shown = exposed.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (exposed.count > 5 ? " and \(exposed.count - 5) more" : "")
        let patterns = Self.patterns(for: exposed).filter { pattern in !DockerignoreDefaults.excludesCopied(pattern, use.copiedSources) }
        let fix = use.appending(patterns, comment: "Added by compose-audit: secrets never belong in an image").map {
            Fix("Exclude \(patterns.joined(separator: ", "))", applicability: .unsafe, changes: [$0])
        }
        // Critical where an instruction can copy one into the image; sent to the builder alone is a smaller risk.
        let copied = exposed.contains(where: use.mayCopy)
        let message = "Build context `\(use.path)` sends secret-looking files to the builder: \(shown)"
            + (copied ? "" : "; no COPY, ADD or bind mount takes them today")
        return .fails(Violation(message, at: use.buildLocation, severity: copied ? nil : .medium, fix: fix))
    }
}
