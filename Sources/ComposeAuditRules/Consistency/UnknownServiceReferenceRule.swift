import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA505: a reference to a service that does not exist.
public struct UnknownServiceReferenceRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA505", name: "unknown-service-reference", category: .consistency, severity: .critical,
        subject: "service reference",
        summary: "`depends_on`, `links`, `volumes_from` or `network_mode`/`ipc`/`pid: service:x` names a service that does not exist",
        rationale: """
            Compose refuses to load a project that references an unknown service (`depends on undefined \
            service`): typically a service renamed in one place only.
            """,
        triggering: [
            RuleExample("renamed database", files: ["compose.yaml": """
                services:
                  app:
                    image: example/app:1.0
                    depends_on: [↓postgres]
                    links: [↓"cache:redis"]
                    volumes_from: [↓"data:ro"]
                  worker:
                    image: example/worker:1.0
                    ipc: ↓"service:shared"
                  db:
                    image: postgres:16
                """]),
        ],
        nonTriggering: [
            RuleExample("every reference resolves; containers are not services", files: ["compose.yaml": """
                services:
                  app:
                    image: example/app:1.0
                    depends_on:
                      db:
                        condition: service_healthy
                    links: ["db:database"]
                    volumes_from: ["container:legacy_data"]
                  sidecar:
                    image: example/sidecar:1.0
                    network_mode: "service:app"
                  db:
                    image: postgres:16
                """]),
        ]
    )

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.serviceReferences.map { reference in
            let name = reference.service
            let subject = Subject.item(kind: "reference", key: "\(service.name):\(reference.key):\(name)")
            guard project.model.service(named: name) == nil else { return PartVerdict(subject, .passes) }
            let message = "Service `\(service.name)` names `\(name)` in `\(reference.key)`, but no such service exists"
            // A file with another name loaded alone names services of the main file it is added to (docker-elk's
            // `extensions/fleet/fleet-compose.yml` depends on `elasticsearch`).
            if FragmentNote.isFragment(project, definesAnyOfKind: false) {
                return PartVerdict(subject, .fails(Violation(message + FragmentNote.text, at: reference.location, severity: .info)))
            }
            return PartVerdict(subject, .fails(Violation(message, at: reference.location)))
        }
    }
}
