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
            a default (`${VAR:-value}`), or make it required with a message (`${VAR:?set VAR}`). Without any \
            `.env`, the variables nothing documents are one finding: the missing file is their one cause.
            """,
        triggering: [
            RuleExample("an undefined tag", files: ["compose.yaml": """
                services:
                  app:
                    image: ↓example/app:${APP_VERSION}
                """]),
            RuleExample("no .env at all: one finding for every variable nothing documents", files: ["compose.yaml": """
                services:
                  app:
                    image: ↓example/app:${APP_VERSION}
                    environment:
                      DB_HOST: ${DB_HOST}
                      DB_NAME: ${DB_NAME}
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
        let unset = project.model.unresolvedVariables.filter { !refused.contains($0.location) && reported.insert($0.value).inserted }
            .map { (variable: $0, documentation: Self.documentation(of: $0.value, in: project)) }
        // Without any `.env`, the variables nothing documents have one cause: the file is missing (mailcow's setup
        // script writes it). Each is a related place of that one finding.
        let undocumented = unset.filter { $0.documentation == nil }.map(\.variable)
        guard project.dotEnv == nil, undocumented.count > 1 else { return .judged(unset.map(Self.violation)) }
        let names = undocumented.prefix(3).map { "`${\($0.value)}`" }.joined(separator: ", ")
            + (undocumented.count > 3 ? " and \(undocumented.count - 3) more" : "")
        let missing = Violation("No `.env` beside the compose file: \(undocumented.count) variables it reads have no value and no default (\(names)); "
                                + "write `.env`, or run the project's setup that writes it",
                                at: undocumented[0].location,
                                related: undocumented.dropFirst().map { RelatedLocation("`${\($0.value)}` is unset", at: $0.location) })
        return .judged([missing] + unset.filter { $0.documentation != nil }.map(Self.violation))
    }

    /// Where the variable is documented though unset here: a committed example env file, or (for a fragment loaded
    /// alone) the `.env` of its main file's folder above it.
    static func documentation(of name: String, in project: Project) -> (path: String, isExample: Bool)? {
        if let example = EnvironmentExamples.documenting(name, in: project) { return (example, true) }
        let enclosing = project.host.enclosingEnvFiles.first { path in project.host.contents(of: path).map { LineFile.assigns($0, name) } ?? false }
        return enclosing.map { ($0, false) }
    }

    /// The finding about one unset variable: information where it is documented, medium otherwise.
    static func violation(for variable: Located<String>, documentation: (path: String, isExample: Bool)?) -> Violation {
        let message = "`${\(variable.value)}` is not defined in `.env` or the environment and has no default"
        switch documentation {
        case let (example, true)?:
            // Documented in a committed example: the checkout lacks its `.env`, a setup step, said as information.
            return Violation(message + "; `\(example)` documents it: copy it to `.env` and fill it in", at: variable.location, severity: .info)
        case let (enclosing, false)?:
            // A fragment for `-f` loaded alone: the main file's folder above it sets the variable in its `.env`.
            return Violation(message + " here; `\(enclosing)` sets it: this file is meant to be added with `-f` to the main file there",
                             at: variable.location, severity: .info)
        case nil:
            return Violation(message, at: variable.location)
        }
    }
}
