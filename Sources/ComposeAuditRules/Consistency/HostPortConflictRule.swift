import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA506: two services bind the same host port.
public struct HostPortConflictRule: ProjectRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA506", name: "host-port-conflict", category: .consistency, severity: .high,
        subject: "project",
        summary: "Two services publish the same host IP, port and protocol",
        rationale: """
            Only one process can bind a host port: the second service fails with `port is already \
            allocated`, or starts only when the first is down. `0.0.0.0` conflicts with every address. \
            Services in profiles that never run together are not compared.
            """,
        triggering: [
            RuleExample("both on 8080", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    ports: ["8080:8080"]
                  admin:
                    image: example/admin:1.0
                    ports: [↓"127.0.0.1:8080:80"]
                """]),
        ],
        nonTriggering: [
            RuleExample("different ports, protocols, addresses and exclusive profiles", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    ports: ["127.0.0.1:8080:8080", "53:53/udp"]
                  admin:
                    image: example/admin:1.0
                    ports: ["127.0.0.2:8080:80", "53:53/tcp"]
                  dev:
                    image: example/dev:1.0
                    profiles: [dev]
                    ports: ["9000:9000"]
                  prod:
                    image: example/prod:1.0
                    profiles: [prod]
                    ports: ["9000:9000"]
                """]),
        ]
    )

    struct Binding {
        var service: Service
        var port: PortMapping
        var host: Int
    }

    /// Host ports of a mapping (`8000-8002` gives three; a random host port gives none).
    static func hostPorts(_ port: PortMapping) -> [Int] {
        guard let published = port.published else { return [] }
        let parts = published.split(separator: "-").compactMap { Int($0) }
        if parts.count == 2, parts[0] <= parts[1], parts[1] - parts[0] < 65_536 { return Array(parts[0]...parts[1]) }
        return parts.count == 1 ? parts : []
    }

    static func addressesOverlap(_ lhs: String?, _ rhs: String?) -> Bool {
        let any: Set<String> = ["", "0.0.0.0", "::", "[::]"]
        let left = lhs ?? ""
        let right = rhs ?? ""
        return any.contains(left) || any.contains(right) || left == right
    }

    static func canRunTogether(_ lhs: Service, _ rhs: Service) -> Bool {
        lhs.profiles.isEmpty || rhs.profiles.isEmpty || !Set(lhs.profiles).isDisjoint(with: rhs.profiles)
    }

    public func judge(_ project: Project) -> Verdict {
        guard project.services.contains(where: { !$0.ports.isEmpty }) else { return .notApplicable }
        var byPort: [String: [Binding]] = [:]
        for service in project.services {
            for port in service.ports {
                for host in Self.hostPorts(port) {
                    byPort["\(host)/\(port.proto.lowercased())", default: []].append(Binding(service: service, port: port, host: host))
                }
            }
        }
        var violations: [Violation] = []
        var reported: Set<SourceLocation> = []
        for key in byPort.keys.sorted() {
            let bindings = byPort[key] ?? []
            for (index, later) in bindings.enumerated() {
                guard let earlier = bindings[..<index].first(where: { earlier in
                    earlier.service.name != later.service.name && Self.addressesOverlap(earlier.port.hostIP, later.port.hostIP)
                        && Self.canRunTogether(earlier.service, later.service)
                }), reported.insert(later.port.location).inserted else { continue }
                violations.append(Violation("Services `\(earlier.service.name)` and `\(later.service.name)` both publish host port \(key)",
                                            at: later.port.location))
            }
        }
        return .judged(violations)
    }
}
