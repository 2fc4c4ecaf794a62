import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA208: an unauthenticated redis that more than its clients can reach.
public struct RedisWithoutPasswordRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA208", name: "redis-without-password", category: .security, severity: .medium,
        subject: "redis service",
        standards: StandardReferences(owasp: ["D04"], cwe: [306]),
        summary: "A redis/valkey/keydb service has no password and is reachable beyond its clients (published ports, or a network shared with services that do not use it)",
        rationale: """
            Redis without `requirepass` accepts any command from anyone who can connect, including \
            `CONFIG SET dir` tricks that write files on the server. Published ports or a flat network \
            make that anyone. Set `--requirepass` (from a variable), or `REDIS_PASSWORD` for images that \
            read it, and keep redis on a network only its clients join. A published port is medium; a network \
            shared with a service that does not use it is low (that service must be taken over first), and \
            information in a development stack. A neighbour counts as not using it when its settings in the compose \
            file do not name it; one that reads a configuration file of its own may still.
            """,
        triggering: [
            RuleExample("published and no password", files: ["compose.yaml": """
                services:
                  ↓cache:
                    image: redis:7
                    ports: ["6379:6379"]
                """]),
            RuleExample("shared with a service that does not use it", files: ["compose.yaml": """
                services:
                  ↓cache:
                    image: valkey/valkey:8
                  app:
                    image: example/app:1.0
                    environment:
                      REDIS_URL: redis://cache:6379
                  grafana:
                    image: grafana/grafana:11.2.0
                  db:
                    image: postgres:16
                """]),
        ],
        nonTriggering: [
            RuleExample("a password", files: ["compose.yaml": """
                services:
                  cache:
                    image: redis:7
                    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]
                    ports: ["6379:6379"]
                """]),
            RuleExample("only its clients can reach it", files: ["compose.yaml": """
                services:
                  queue:
                    image: redis:7
                  worker:
                    image: example/worker:1.0
                    depends_on: [queue]
                  web:
                    image: example/web:1.0
                    environment:
                      CACHE_HOST: queue
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let image = project.knownImage(of: service), image.kind == .cache, image.isStateful else { return .notApplicable }
        let words = project.invocations(of: service).flatMap(\.simpleCommands).flatMap { $0 }
        if words.contains(where: { $0 == "--requirepass" || $0.hasPrefix("--requirepass=") }) { return .passes }
        if service.environment.contains(where: { ["REDIS_PASSWORD", "VALKEY_PASSWORD", "KEYDB_PASSWORD", "REDIS_ARGS"].contains($0.name) && $0.value != nil }) {
            return .passes
        }
        guard let reason = exposure(of: service, in: project) else { return .passes }
        // Reached through a published port by anyone on the host's networks; through the project network only by a
        // neighbour someone would first have to take over, which in a development stack is the developer's machine.
        if service.ports.isEmpty, let note = project.developmentStackNote {
            return .fails(Violation("Service `\(service.name)` runs redis without a password and \(reason)" + note, at: service.location, severity: .info))
        }
        return .fails(Violation("Service `\(service.name)` runs redis without a password and \(reason)", at: service.location,
                                severity: service.ports.isEmpty ? .low : nil))
    }

    /// Why others could reach the service: a published port, or a neighbour on its networks that is not its client.
    func exposure(of service: Service, in project: Project) -> String? {
        if !service.ports.isEmpty { return "publishes a port" }
        let networks = project.networks(of: service)
        let clients = project.clientIndex()[service.name] ?? []
        // Data stores never connect to redis on their own; an entry point that does not use it could.
        let stranger = project.services.first { other in
            other.name != service.name && !clients.contains(other.name) && !project.networks(of: other).isDisjoint(with: networks)
                && !(project.knownImage(of: other)?.isStateful ?? false)
        }
        return stranger.map { "shares a network with `\($0.name)`, whose settings in the compose file do not name it" }
    }
}
