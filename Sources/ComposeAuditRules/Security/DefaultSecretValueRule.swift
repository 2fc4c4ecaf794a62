import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA215: a secret that reaches a service through `.env` or an env file with a default value.
public struct DefaultSecretValueRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA215", name: "default-secret-value", category: .security, severity: .high,
        subject: "secret variable",
        standards: StandardReferences(owasp: ["D06"], cwe: [1392]),
        summary: "A secret variable a service uses gets a default or guessable value (root, admin, password, the user name, …) from `.env` or an `env_file`",
        rationale: """
            Moving a password into `.env` keeps it out of the compose file but not out of reach: a \
            `.env` committed with `MYSQL_ROOT_PASSWORD=root` ships that password to every machine that \
            runs the stack unchanged. Commit a `.env.example` with empty values instead, and set real \
            values per environment. Values set in the environment the check runs in are not reported, \
            since they override `.env`; nor are empty values, which are placeholders to fill in.
            """,
        triggering: [
            RuleExample("weak values in .env and an env file", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mariadb:11
                        environment:
                          MARIADB_ROOT_PASSWORD: ${DB_ROOT_PASSWORD}
                      app:
                        image: example/app:1.0
                        env_file: app.env
                    """,
                ".env": "↓DB_ROOT_PASSWORD=root\n",
                "app.env": "APP_USER=app\n↓APP_PASSWORD=app\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("strong values, overridden by the environment, unused, empty placeholders", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mariadb:11
                        environment:
                          MARIADB_ROOT_PASSWORD: ${DB_ROOT_PASSWORD}
                          MARIADB_PASSWORD: ${DB_PASSWORD}
                          SMTP_PASSWORD: ${SMTP_PASSWORD}
                    """,
                ".env": "DB_ROOT_PASSWORD=q7T-4mZr-81xk\nDB_PASSWORD=changeme\nUNUSED_PASSWORD=admin\nSMTP_PASSWORD=\n",
            ], environment: ["DB_PASSWORD": "Lw2-9sPq-7yTe"]),
        ],
        lowersInDevelopmentStacks: true
    )

    /// Each `.env` entry a secret variable of the service reads, and each secret its env files set; several
    /// services can share one entry, which is then counted and reported once.
    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        var parts: [PartVerdict] = []
        let userName = service.environment.first { $0.name.uppercased().hasSuffix("_USER") }?.value?.value
        for variable in service.environment where Secrets.isSecretName(variable.name) {
            guard let value = variable.value, value.hasVariables,
                  let references = try? Interpolation.interpolate(value.raw, in: .empty).references else { continue }
            for reference in references {
                guard let entry = project.dotEnv?.entries.last(where: { $0.name == reference.name }),
                      project.environmentOverrides[reference.name] == nil, let setValue = entry.value, !setValue.isEmpty else { continue }
                let verdict: Verdict = Secrets.isWeak(setValue, userName: userName) ? .fails(Violation(
                    "`\(entry.location.path)` sets `\(reference.name)` to the guessable `\(setValue)`, used by service `\(service.name)` as `\(variable.name)`",
                    at: entry.location)) : .passes
                parts.append(PartVerdict(.item(kind: "env", key: reference.name), verdict, isShared: true))
            }
        }
        for reference in service.envFiles {
            guard let file = project.envFiles[project.hostPath(reference.path.value)] else { continue }
            let fileUser = file.entries.first { $0.name.uppercased().hasSuffix("_USER") }?.value
            for entry in file.entries where Secrets.isSecretName(entry.name) {
                guard let setValue = entry.value, !setValue.isEmpty, !Secrets.isFlagValue(setValue) else { continue }
                let verdict: Verdict = Secrets.isWeak(setValue, userName: fileUser) ? .fails(Violation(
                    "`\(entry.location.path)` sets `\(entry.name)` to the guessable `\(setValue)` for service `\(service.name)`",
                    at: entry.location)) : .passes
                parts.append(PartVerdict(.item(kind: "envfile", key: "\(entry.location.path):\(entry.name)"), verdict, isShared: true))
            }
        }
        return parts
    }
}
