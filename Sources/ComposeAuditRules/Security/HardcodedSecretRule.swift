import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA207: a secret written into the compose file.
public struct HardcodedSecretRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA207", name: "hardcoded-secret", category: .security, severity: .high,
        subject: "service",
        summary: "An environment variable named like a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`, …) has a literal value in the compose file, or falls back to one (`${JWT_SECRET:-dev-secret}`)",
        rationale: """
            A secret written in the compose file is in every clone, fork and CI log of the repository and \
            cannot differ between environments. Take it from the environment or `.env` \
            (`${DB_PASSWORD:?set DB_PASSWORD}`), or mount it as a Compose secret and use the image's \
            `*_FILE` variable. A default or weak value (postgres, password, admin, changeme, the user \
            name itself, empty) is critical: it is the first thing an attacker tries.
            """,
        triggering: [
            RuleExample("a weak literal (critical) and a literal token (high)", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      ↓POSTGRES_PASSWORD: app
                  api:
                    image: example/api:1.0
                    environment:
                      - ↓API_TOKEN=8c1f3e0b9a7d
                """]),
            RuleExample("a literal fallback: it applies whenever the variable is unset", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    environment:
                      ↓JWT_SECRET: ${JWT_SECRET:-dev-jwt-secret}
                      ↓ADMIN_PASSWORD: ${ADMIN_PASSWORD-admin}
                """]),
        ],
        nonTriggering: [
            RuleExample("variables, secret files and settings about secrets", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}
                      REDIS_PASSWORD: ${REDIS_PASSWORD:-}
                      API_KEY: ${API_KEY:-${LEGACY_API_KEY}}
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                      MYSQL_RANDOM_ROOT_PASSWORD: "yes"
                      ACCESS_TOKEN_EXPIRE_MINUTES: 60
                      PASSWORD_FROM_SHELL:
                """]),
        ],
        fixTitle: "Replace the value with `${NAME:?NAME must be set}` and list NAME in .env.example",
        fixApplicability: .unsafe,
        corrections: [
            RuleCorrection("map and list forms; .env.example created, then extended", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: app
                  api:
                    image: example/api:1.0
                    environment:
                      - API_TOKEN=8c1f3e0b9a7d
                """], after: [
                "compose.yaml": """
                    services:
                      db:
                        image: postgres:16
                        environment:
                          POSTGRES_PASSWORD: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
                      api:
                        image: example/api:1.0
                        environment:
                          - "API_TOKEN=${API_TOKEN:?API_TOKEN must be set}"
                    """,
                ".env.example": "POSTGRES_PASSWORD=\nAPI_TOKEN=\n",
            ]),
            RuleCorrection("a literal fallback becomes a required variable", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    environment:
                      JWT_SECRET: ${JWT_SECRET:-dev-jwt-secret}
                """], after: [
                "compose.yaml": """
                    services:
                      api:
                        image: example/api:1.0
                        environment:
                          JWT_SECRET: "${JWT_SECRET:?JWT_SECRET must be set}"
                    """,
                ".env.example": "JWT_SECRET=\n",
            ]),
        ]
    )

    /// `${NAME:?NAME must be set}` in place of the literal, and `NAME=` in `.env.example`.
    private func fix(_ service: Service, _ variable: EnvironmentVariable, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
              let environment = editing.tree.ownValue(body, forKey: "environment") else { return nil }
        let tree = editing.tree
        let reference = "${\(variable.name):?\(variable.name) must be set}"
        var node: YAMLNode?
        var text = ""
        if tree.kind(environment) == .mapping {
            node = tree.rawPairs(environment).first { tree.range($0.key) == variable.location.range }?.value
            text = YAMLScalarText.quoted(reference)
        } else {
            node = tree.items(environment).first { tree.range($0) == variable.location.range }
            text = YAMLScalarText.quoted("\(variable.name)=\(reference)")
        }
        guard let node, tree.kind(node) == .scalar else { return nil }
        var changes = [FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: text)])]
        let example = PathName.join(project.composeDirectory, HostFiles.environmentExample)
        if let bytes = project.host.contents(of: example) {
            let existing = String(decoding: bytes, as: UTF8.self)
            if !existing.split(whereSeparator: \.isNewline).contains(where: { $0.hasPrefix(variable.name + "=") }) {
                let prefix = bytes.isEmpty || bytes.last == 0x0A ? "" : "\n"
                changes.append(FileChange(path: example, edits: [.insert(prefix + variable.name + "=\n", at: bytes.count)]))
            }
        } else {
            changes.append(FileChange(path: example, creating: variable.name + "=\n"))
        }
        return Fix("Read `\(variable.name)` from the environment", applicability: .unsafe, changes: changes)
    }

    /// The literal a value falls back to when its one variable is unset (`${DB_PASSWORD:-airflow}` gives `airflow`),
    /// with the variable's name; nil for anything else.
    static func literalFallback(_ value: ComposeText) -> (variable: String, fallback: String)? {
        guard value.raw.hasPrefix("${"), value.raw.hasSuffix("}"),
              let interpolated = try? Interpolation.interpolate(value.raw, in: .empty), interpolated.references.count == 1,
              case .defaultValue = interpolated.references[0].modifier, !interpolated.value.isEmpty,
              !interpolated.value.contains("$") else { return nil }
        return (interpolated.references[0].name, interpolated.value)
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let userName = service.environment.first { $0.name.uppercased().hasSuffix("_USER") }?.value?.value
        return .judged(service.environment.compactMap { variable in
            guard Secrets.isSecretName(variable.name), let value = variable.value else { return nil }
            if value.hasVariables {
                guard let (name, fallback) = Self.literalFallback(value), !Secrets.isFlagValue(fallback) else { return nil }
                let weak = Secrets.isWeak(fallback, userName: userName)
                return Violation("Service `\(service.name)` sets `\(variable.name)` to the literal `\(fallback)` written in the compose file whenever `\(name)` is unset",
                                 at: variable.location, severity: weak ? .critical : nil,
                                 fix: name == variable.name ? fix(service, variable, project) : nil)
            }
            guard !value.value.hasPrefix("/run/secrets/"), !Secrets.isFlagValue(value.value) else { return nil }
            let weak = Secrets.isWeak(value.value, userName: userName)
            let message = weak
                ? "Service `\(service.name)` sets `\(variable.name)` to a default or guessable literal in the compose file"
                : "Service `\(service.name)` sets `\(variable.name)` to a literal secret in the compose file"
            return Violation(message, at: variable.location, severity: weak ? .critical : nil, fix: fix(service, variable, project))
        })
    }
}
