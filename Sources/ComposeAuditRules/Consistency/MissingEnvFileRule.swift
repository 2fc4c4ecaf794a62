import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA502: an env_file that is not there.
public struct MissingEnvFileRule: ServicePartRule {
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

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.envFiles.map { reference in
            let subject = Subject.item(kind: "envfile", key: "\(service.name):\(reference.path.value)")
            let state = project.host.state(of: project.hostPath(reference.path.value))
            guard reference.isRequired, state != .file, state != .unknown else { return PartVerdict(subject, .passes) }
            return PartVerdict(subject, .fails(Violation("Service `\(service.name)` reads `\(reference.path.value)`, which does not exist",
                                                         at: reference.path.location)))
        }
    }
}
