import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA502: an env_file that is not there.
public struct MissingEnvFileRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA502", name: "missing-env-file", category: .consistency, severity: .high,
        subject: "env_file",
        summary: "`env_file:` names a file that does not exist (and is not `required: false`); information only when a committed example documents it (`.env.example`, `app.env.sample`)",
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
            RuleExample("a committed example documents it: information, copy it", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        env_file: ↓.env
                    """,
                ".env.example": "DB_HOST=db\n",
            ]),
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
            let message = "Service `\(service.name)` reads `\(reference.path.value)`, which does not exist"
            // A committed example says the file is made per checkout: a setup step, said once as information.
            if let example = EnvironmentExamples.example(of: project.hostPath(reference.path.value), in: project) {
                return PartVerdict(subject, .fails(Violation(message + "; `\(example)` documents it: copy it to `\(reference.path.value)` and fill it in",
                                                             at: reference.path.location, severity: .info)))
            }
            // Portainer writes a stack's variables to `stack.env` beside the compose file it deploys.
            if PathName.lastComponent(of: reference.path.value) == "stack.env" {
                return PartVerdict(subject, .fails(Violation(message + "; Portainer writes `stack.env` from the stack's variables when it deploys it",
                                                             at: reference.path.location, severity: .info)))
            }
            return PartVerdict(subject, .fails(Violation(message, at: reference.path.location)))
        }
    }
}
