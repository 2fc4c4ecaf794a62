import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA207: a secret written into the compose file.
public struct HardcodedSecretRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA207", name: "hardcoded-secret", category: .security, severity: .high,
        subject: "service",
        summary: "An environment variable named like a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`, …) has a literal value in the compose file",
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
        ],
        nonTriggering: [
            RuleExample("variables, secret files and settings about secrets", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                      MYSQL_RANDOM_ROOT_PASSWORD: "yes"
                      ACCESS_TOKEN_EXPIRE_MINUTES: 60
                      PASSWORD_FROM_SHELL:
                """]),
        ],
        fixTitle: "Replace the value with `${NAME:?NAME must be set}` and list NAME in .env.example",
        fixApplicability: .unsafe
    )

    public func check(_ project: Project) -> RuleOutcome {
        var violations: [Violation] = []
        for service in project.services {
            let userName = service.environment.first { $0.name.uppercased().hasSuffix("_USER") }?.value?.value
            for variable in service.environment where Secrets.isSecretName(variable.name) {
                guard let value = variable.value, !value.hasVariables, !value.value.hasPrefix("/run/secrets/"),
                      !Secrets.isFlagValue(value.value) else { continue }
                let weak = Secrets.isWeak(value.value, userName: userName)
                let message = weak
                    ? "Service `\(service.name)` sets `\(variable.name)` to a default or guessable literal in the compose file"
                    : "Service `\(service.name)` sets `\(variable.name)` to a literal secret in the compose file"
                violations.append(Violation(message, at: variable.location, subject: "service:\(service.name)",
                                            severity: weak ? .critical : nil))
            }
        }
        return RuleOutcome(subjectCount: project.services.count, violations: violations)
    }
}
