import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA503: `${VAR}` without a default that nothing defines (a required `${VAR:?message}` is the author's intent, not
/// a finding; `config` lists those as required variables).
public struct UndefinedVariableRule: ProjectRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA503", name: "undefined-variable", category: .consistency, severity: .medium,
        subject: "project",
        standards: StandardReferences(cwe: [456]),
        summary: "`${VAR}` without a default is used and `VAR` is defined neither in `.env` nor in the environment the check runs in (information when a committed `.env.example` documents it)",
        rationale: """
            Compose substitutes an empty string for an undefined variable and only warns: an image tag \
            becomes `app:`, a password becomes empty, a port mapping breaks. Define it in `.env`, give it \
            a default (`${VAR:-value}`), or make it required with a message (`${VAR:?set VAR}`).
            """,
        triggering: [
            RuleExample("an undefined tag", files: ["compose.yaml": """
                services:
                  app:
                    image: ↓example/app:${APP_VERSION}
                """]),
            RuleExample("documented in .env.example, which was not copied to .env: information", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.4.2
                        environment:
                          DB_HOST: ↓${DB_HOST}
                    """,
                ".env.example": "# where the database runs\nDB_HOST=db\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("defined in .env, a default, the environment", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:${APP_VERSION}
                        environment:
                          LOG_LEVEL: ${LOG_LEVEL:-info}
                          HOME_DIR: ${CI_HOME}
                    """,
                ".env": "APP_VERSION=1.4.2\n",
            ], environment: ["CI_HOME": "/home/ci"]),
            RuleExample("required on purpose: Compose stops with the author's message until it is set", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.4.2
                        environment:
                          SECRET_KEY: ${SECRET_KEY:?set SECRET_KEY in .env}
                          API_TOKEN: ${API_TOKEN?required}
                    """,
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    public func judge(_ project: Project) -> Verdict {
        // A variable that makes a value Compose refuses is reported with that value, by CA512 or CA514: one finding per cause.
        var refused = Set(project.services.flatMap { $0.refusals.filter(\.dependsOnVariables).map(\.location) })
        refused.formUnion(project.services.filter(ServiceWithoutImageRule.lacksImage).compactMap(\.image?.location))
        var reported: Set<String> = []
        return .judged(project.model.unresolvedVariables.filter { !refused.contains($0.location) && reported.insert($0.value).inserted }.map { variable in
            let message = "`${\(variable.value)}` is not defined in `.env` or the environment and has no default"
            // Documented in a committed example: the checkout lacks its `.env`, a setup step, said as information.
            if let example = EnvironmentExamples.documenting(variable.value, in: project) {
                return Violation(message + "; `\(example)` documents it: copy it to `.env` and fill it in", at: variable.location, severity: .info)
            }
            // A fragment for `-f` loaded alone: the main file's folder above it sets the variable in its `.env`.
            if let enclosing = project.host.enclosingEnvFiles.first(where: { path in
                project.host.contents(of: path).map { LineFile.assigns($0, variable.value) } ?? false
            }) {
                return Violation(message + " here; `\(enclosing)` sets it: this file is meant to be added with `-f` to the main file there",
                                 at: variable.location, severity: .info)
            }
            return Violation(message, at: variable.location)
        })
    }
}
