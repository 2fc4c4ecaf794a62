import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA505: a reference to a service that does not exist.
public struct UnknownServiceReferenceRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA505", name: "unknown-service-reference", category: .consistency, severity: .critical,
        subject: "service reference",
        summary: "`depends_on`, `links`, `network_mode: service:x` or `volumes_from` names a service that does not exist",
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
                    volumes_from: [↓"service:data"]
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
        var references: [(name: String, key: String, location: SourceLocation)] = []
        for dependency in service.dependsOn { references.append((dependency.service, "depends_on", dependency.location)) }
        for link in service.links { references.append((String(link.value.split(separator: ":").first ?? ""), "links", link.location)) }
        for source in service.volumesFrom where !source.value.hasPrefix("container:") {
            let name = source.value.hasPrefix("service:") ? String(source.value.dropFirst(8)) : source.value
            references.append((String(name.split(separator: ":").first ?? ""), "volumes_from", source.location))
        }
        if let mode = service.networkMode, mode.value.hasPrefix("service:") {
            references.append((String(mode.value.dropFirst(8)), "network_mode", mode.location))
        }
        return references.map { name, key, location in
            let subject = Subject.item(kind: "reference", key: "\(service.name):\(key):\(name)")
            guard project.model.service(named: name) == nil else { return PartVerdict(subject, .passes) }
            return PartVerdict(subject, .fails(Violation("Service `\(service.name)` names `\(name)` in `\(key)`, but no such service exists",
                                                         at: location)))
        }
    }
}
