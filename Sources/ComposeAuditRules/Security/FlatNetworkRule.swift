import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA214: a data store on the same network as a service that faces the host.
public struct FlatNetworkRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA214", name: "flat-network", category: .security, severity: .info,
        subject: "project",
        standards: StandardReferences(cis: ["5.30"], owasp: ["D03"], cwe: [653]),
        summary: "A database or cache shares a network with a service that publishes ports beyond the host's loopback",
        rationale: """
            When the internet-facing service and the database sit on one network, a compromise of the \
            former reaches the latter directly, and so does every other container on it. A separate \
            `internal: true` backend network that only the application joins keeps the data tier one \
            hop further away.
            """,
        triggering: [
            RuleExample("everything on the default network", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    ports: ["80:80"]
                  ↓db:
                    image: postgres:16
                """]),
        ],
        nonTriggering: [
            RuleExample("the database on a backend network only", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    ports: ["80:80"]
                    networks: [frontend]
                  app:
                    image: example/app:1.0
                    networks: [frontend, backend]
                  db:
                    image: postgres:16
                    networks: [backend]
                networks:
                  frontend:
                  backend:
                    internal: true
                """]),
        ]
    )

    public static var countsOncePerProject: Bool { true }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let kind = project.knownImage(of: service)?.kind, kind == .database || kind == .cache else { return .passes }
        let networks = project.networks(of: service)
        let exposed = Self.servicesFacingTheHost(in: project).first { other in
            other.name != service.name && !project.networks(of: other).isDisjoint(with: networks)
        }
        guard let exposed else { return .passes }
        return .fails(Violation("Service `\(service.name)` shares a network with `\(exposed.name)`, which publishes ports; put it on an internal backend network",
                                at: service.location))
    }

    /// Services that publish a port beyond the loopback interface and are no data store, in service order.
    static func servicesFacingTheHost(in project: Project) -> [Service] {
        project.memo.value("servicesFacingTheHost") {
            project.services.filter { $0.ports.contains { !$0.isLoopbackOnly } && !isDataStore($0, in: project) }
        }
    }

    static func isDataStore(_ service: Service, in project: Project) -> Bool {
        project.knownImage(of: service).map { [.database, .cache].contains($0.kind) } ?? false
    }
}
