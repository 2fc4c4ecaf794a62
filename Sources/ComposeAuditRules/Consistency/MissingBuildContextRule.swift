import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA504: a build that cannot start.
public struct MissingBuildContextRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA504", name: "missing-build-context", category: .consistency, severity: .critical,
        subject: "built service",
        summary: "`build.context` or `build.dockerfile` does not exist",
        rationale: """
            `docker compose build` fails at once for a missing context folder or Dockerfile: usually a \
            folder renamed without updating the compose file, or a path relative to the wrong folder \
            (paths are relative to the compose file).
            """,
        triggering: [
            RuleExample("missing folder and missing Dockerfile", files: [
                "compose.yaml": """
                    services:
                      api:
                        build: ↓./api
                      web:
                        build:
                          context: ./web
                          dockerfile: ↓Dockerfile.prod
                    """,
                "web/Dockerfile": "FROM nginx:1.27\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("present; a git context", files: [
                "compose.yaml": """
                    services:
                      web:
                        build:
                          context: ./web
                          dockerfile: Dockerfile
                      tool:
                        build: https://github.com/example/tool.git#v1.0
                    """,
                "web/Dockerfile": "FROM nginx:1.27\n",
            ]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let spec = service.build, let build = project.build(of: service.name), let context = build.contextPath else { return .notApplicable }
        let contextState = project.host.state(of: context)
        guard contextState != .unknown else { return .notApplicable }
        guard contextState == .directory else {
            let message = "Service `\(service.name)` builds from `\(spec.context.value)`, which does not exist"
            // docker-elk's `extensions/filebeat/filebeat-compose.yml` names `extensions/filebeat/`, relative to the
            // main file's folder it is added to with `-f`.
            if project.isOtherFileLoadedAlone {
                return .fails(Violation(message + FragmentNote.text, at: spec.context.location, severity: .info))
            }
            return .fails(Violation(message, at: spec.context.location))
        }
        if let path = build.dockerfilePath, ![.file, .unknown].contains(project.host.state(of: path)) {
            return .fails(Violation("Service `\(service.name)` builds with `\(path)`, which does not exist",
                                    at: spec.dockerfile?.location ?? spec.context.location))
        }
        return .passes
    }
}
