import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA505: a reference to a service that does not exist.
public struct UnknownServiceReferenceRule: Rule {
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

    public func check(_ project: Project) -> RuleOutcome {
        let names = Set(project.services.map(\.name))
        var subjects = 0
        var violations: [Violation] = []
        func reference(_ name: String, _ key: String, _ location: SourceLocation, _ service: Service) {
            subjects += 1
            guard !names.contains(name) else { return }
            violations.append(Violation("Service `\(service.name)` names `\(name)` in `\(key)`, but no such service exists",
                                        at: location, subject: "reference:\(service.name):\(key):\(name)"))
        }
        for service in project.services {
            for dependency in service.dependsOn { reference(dependency.service, "depends_on", dependency.location, service) }
            for link in service.links {
                reference(String(link.value.split(separator: ":").first ?? ""), "links", link.location, service)
            }
            for source in service.volumesFrom where !source.value.hasPrefix("container:") {
                let name = source.value.hasPrefix("service:") ? String(source.value.dropFirst(8)) : source.value
                reference(String(name.split(separator: ":").first ?? ""), "volumes_from", source.location, service)
            }
            if let mode = service.networkMode, mode.value.hasPrefix("service:") {
                reference(String(mode.value.dropFirst(8)), "network_mode", mode.location, service)
            }
        }
        return RuleOutcome(subjectCount: subjects, violations: violations)
    }
}
