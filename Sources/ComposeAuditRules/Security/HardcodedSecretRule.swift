import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA207: a secret written into the compose file.
public struct HardcodedSecretRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA207", name: "hardcoded-secret", category: .security, severity: .high,
        subject: "service",
        standards: StandardReferences(owasp: ["D06"], cwe: [798]),
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
                      REDIS_PASSWORD_UNSET: ""
                      API_TOKEN: ${API_TOKEN:-invalid}
                """]),
            RuleExample("Kafka settings about credentials: a class name, host:port, a keystore, a mechanism", files: ["compose.yaml": """
                services:
                  broker:
                    image: confluentinc/cp-kafka:7.6.0
                    environment:
                      KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL: PLAIN
                      KAFKA_SSL_KEYSTORE_CREDENTIALS: kafka_keystore_creds
                      KAFKA_OPTS_TOKEN: org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule
                      SCHEMA_REGISTRY_SECRET: broker:29092
                      KAFKA_SSL_TRUSTSTORE_SECRET: /etc/kafka/secrets/kafka.truststore.jks
                """]),
        ],
        fixTitle: "Move the value into .env (kept out of git and the build context), read it as `${NAME:?NAME must be set}` and list NAME in .env.example",
        fixSafety: .unsafe(.inventsValue, consequence: "The value moves into .env (kept out of git) and .env.example lists the name: every other checkout needs its own .env, and the variable set in a shell now wins"),
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
                ".env": "POSTGRES_PASSWORD=app\nAPI_TOKEN=8c1f3e0b9a7d\n",
                ".gitignore": ".env\n",
            ]),
            RuleCorrection("the compose folder is a build context: the new .env stays out of it; a value with spaces is quoted", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n    environment:\n      APP_SECRET: two words\n",
                "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
                ".gitignore": "node_modules/\n",
            ], after: [
                "compose.yaml": "services:\n  app:\n    build: .\n    environment:\n      APP_SECRET: \"${APP_SECRET:?APP_SECRET must be set}\"\n",
                ".env": "APP_SECRET='two words'\n",
                ".env.example": "APP_SECRET=\n",
                ".gitignore": "node_modules/\n.env\n",
                ".dockerignore": ".env\n",
            ]),
            RuleCorrection("a fallback .env already overrides: only the fallback goes", before: [
                "compose.yaml": "services:\n  api:\n    image: example/api:1.0\n    environment:\n      API_SECRET: ${API_SECRET:-dev-secret}\n",
                ".env": "API_SECRET=s3cr3t-from-env\n",
                ".env.example": "API_SECRET=\n",
            ], after: [
                "compose.yaml": "services:\n  api:\n    image: example/api:1.0\n    environment:\n      API_SECRET: \"${API_SECRET:?API_SECRET must be set}\"\n",
                ".env": "API_SECRET=s3cr3t-from-env\n",
                ".env.example": "API_SECRET=\n",
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
                ".env": "JWT_SECRET=dev-jwt-secret\n",
                ".gitignore": ".env\n",
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    /// `${NAME:?NAME must be set}` in place of the literal, the literal in `.env` (so the stack starts as before;
    /// no fix when `.env` gives NAME another value), and `NAME=` in `.env.example`.
    private func fix(_ service: Service, _ variable: EnvironmentVariable, value: String, isFallback: Bool = false,
                     _ project: Project) -> Fix? {
        guard let moved = DotEnvMove(project: project).changes(name: variable.name, value: value, isFallback: isFallback) else { return nil }
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
        var changes = [FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: text)])] + moved
        let example = PathName.join(project.composeDirectory, HostFiles.environmentExample)
        if let bytes = project.host.contents(of: example) {
            if !LineFile.assigns(bytes, variable.name) {
                changes.append(LineFile.appending(variable.name + "=", to: example, existing: bytes))
            }
        } else {
            changes.append(FileChange(path: example, creating: variable.name + "=\n"))
        }
        return Fix("Move `\(variable.name)` into .env", applicability: .unsafe, changes: changes,
                   consequence: "`\(variable.name)` moves into .env (kept out of git) and .env.example lists it: every other checkout needs its own .env, and a `\(variable.name)` set in the shell now wins")
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
                guard let (name, fallback) = Self.literalFallback(value), !Secrets.isFlagValue(fallback),
                      !Secrets.isSettingValue(fallback) else { return nil }
                let weak = Secrets.isWeak(fallback, userName: userName)
                return Violation("Service `\(service.name)` sets `\(variable.name)` to the literal `\(fallback)` written in the compose file whenever `\(name)` is unset",
                                 at: variable.location, severity: weak ? .critical : nil,
                                 fix: name == variable.name ? fix(service, variable, value: fallback, isFallback: true, project) : nil)
            }
            // An empty value is no secret written down (the image decides what empty means); settings about a secret
            // (a class name, `host:port`, a keystore's path or name) are not secrets either.
            guard !value.value.isEmpty, !Secrets.isFlagValue(value.value), !Secrets.isSettingValue(value.value) else { return nil }
            let weak = Secrets.isWeak(value.value, userName: userName)
            let message = weak
                ? "Service `\(service.name)` sets `\(variable.name)` to a default or guessable literal in the compose file"
                : "Service `\(service.name)` sets `\(variable.name)` to a literal secret in the compose file"
            return Violation(message, at: variable.location, severity: weak ? .critical : nil, fix: fix(service, variable, value: value.value, project))
        })
    }
}
