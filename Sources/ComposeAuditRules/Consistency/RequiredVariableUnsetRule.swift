import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA515: `${VAR:?message}` that nothing sets where the check runs.
public struct RequiredVariableUnsetRule: ProjectRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA515", name: "required-variable-unset", category: .consistency, severity: .info,
        subject: "project",
        standards: StandardReferences(cwe: [456]),
        summary: "A required variable (`${VAR:?message}` or `${VAR?message}`) is set neither in `.env` nor in the environment the check runs in",
        rationale: """
            Marking a variable required is the author's choice and the right one for a secret or a domain \
            name; until it is set, Compose refuses to load the project and prints the message. This finding is \
            information: it says which variables a person or a CI job must provide (CI usually sets them as \
            secrets, which this check does not see). Set them in `.env` or in the environment to check the \
            project as it runs.
            """,
        triggering: [
            RuleExample("the domain is required and not set", files: ["compose.yaml": """
                services:
                  proxy:
                    image: traefik:v3.1
                    labels:
                      - ↓"traefik.http.routers.app.rule=Host(`${DOMAIN:?set DOMAIN in .env}`)"
                """]),
        ],
        nonTriggering: [
            RuleExample("set in .env, in the environment, or optional with a default", files: [
                "compose.yaml": """
                    services:
                      proxy:
                        image: traefik:v3.1
                        labels:
                          - "traefik.http.routers.app.rule=Host(`${DOMAIN:?set DOMAIN in .env}`)"
                        environment:
                          ACME_EMAIL: ${ACME_EMAIL?required}
                          LOG_LEVEL: ${LOG_LEVEL:-info}
                    """,
                ".env": "DOMAIN=example.org\n",
            ], environment: ["ACME_EMAIL": "ops@example.org"]),
        ]
    )

    public func judge(_ project: Project) -> Verdict {
        var reported: Set<String> = []
        let violations = project.model.requiredVariables.filter { reported.insert($0.value).inserted }.map { variable in
            Violation("`\(variable.value)` is required and not set in `.env` or the environment: Compose refuses to load the project until it is",
                      at: variable.location)
        }
        // Information only, and counted only where it applies: it does not move the score.
        return violations.isEmpty ? .notApplicable : .judged(violations)
    }
}
