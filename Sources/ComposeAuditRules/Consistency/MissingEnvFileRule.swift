import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA502: an env_file that is not there.
public struct MissingEnvFileRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA502", name: "missing-env-file", category: .consistency, severity: .high,
        subject: "env_file",
        summary: "`env_file:` names a file that does not exist (and is not `required: false`)",
        rationale: """
            Compose refuses to start a service whose env file is missing (`env file … not found`). \
            Commit an example and document copying it, or mark the file optional with the long syntax \
            `{path: …, required: false}`.
            """,
        triggering: [
            RuleExample("missing file", files: ["compose.yaml": """
                services:
                  app:
                    image: example/app:1.0
                    env_file: ↓.env.production
                """]),
        ],
        nonTriggering: [
            RuleExample("present, or optional", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        env_file:
                          - app.env
                          - path: local.env
                            required: false
                    """,
                "app.env": "MODE=dev\n",
            ]),
        ]
    )

    public func check(_ project: Project) -> RuleOutcome {
        var subjects = 0
        var violations: [Violation] = []
        for service in project.services {
            for reference in service.envFiles {
                subjects += 1
                guard reference.isRequired, !project.fileSystem.isFile(project.hostPath(reference.path.value)) else { continue }
                violations.append(Violation("Service `\(service.name)` reads `\(reference.path.value)`, which does not exist",
                                            at: reference.path.location, subject: "envfile:\(service.name):\(reference.path.value)"))
            }
        }
        return RuleOutcome(subjectCount: subjects, violations: violations)
    }
}
