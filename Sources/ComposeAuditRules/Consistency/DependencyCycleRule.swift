import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA513: services that wait for each other in a circle.
public struct DependencyCycleRule: ProjectRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA513", name: "dependency-cycle", category: .consistency, severity: .critical,
        subject: "project",
        summary: "Services depend on each other in a circle (`depends_on`, `links`, `volumes_from` or a `service:` namespace)",
        rationale: """
            Compose starts a service after those it depends on, so a circle has no first service: Compose \
            refuses the project (`dependency cycle detected`). Besides `depends_on`, `links`, `volumes_from` and \
            `network_mode`/`ipc`/`pid: service:x` make a service depend on another. Services in different \
            profiles count too: Compose checks the cycle before it selects profiles.
            """,
        triggering: [
            RuleExample("the worker waits for the API, which shares the worker's network", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    network_mode: ↓"service:worker"
                  worker:
                    image: example/worker:1.0
                    depends_on: [api]
                """]),
            RuleExample("two circles, one reached through a service outside it: each reported once, where it starts", files: ["compose.yaml": """
                services:
                  web:
                    image: example/web:1.0
                    depends_on: [api]
                  api:
                    image: example/api:1.0
                    depends_on: [↓queue]
                  queue:
                    image: example/queue:1.0
                    depends_on: [worker]
                  worker:
                    image: example/worker:1.0
                    depends_on: [api]
                  backup:
                    image: example/backup:1.0
                    links: [↓"files:storage"]
                  files:
                    image: example/files:1.0
                    volumes_from: [backup]
                """]),
        ],
        nonTriggering: [
            RuleExample("a chain, a service that names itself nowhere, and a container (not a service) in volumes_from", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    depends_on: [db]
                    volumes_from: ["container:api"]
                  worker:
                    image: example/worker:1.0
                    links: ["api:backend"]
                  db:
                    image: postgres:16
                """]),
        ]
    )

    public func judge(_ project: Project) -> Verdict {
        let references = Dictionary(project.services.map { ($0.name, $0.serviceReferences) }, uniquingKeysWith: { first, _ in first })
        var reported: Set<Set<String>> = []
        var violations: [Violation] = []
        for cycle in Self.cycles(order: project.services.map(\.name), references: references) {
            guard reported.insert(Set(cycle.map(\.service))).inserted, let first = cycle.first, let last = cycle.last else { continue }
            let names = ([last.service] + cycle.map(\.service)).map { "`\($0)`" }.joined(separator: " -> ")
            violations.append(Violation("Dependency cycle \(names): Compose refuses the project", at: first.location))
        }
        // Counted only where it fails (a project passing a check Compose makes anyway would only raise the score).
        return violations.isEmpty ? .notApplicable : .judged(violations)
    }

    /// Each circle one depth-first walk over the services meets, as the references that lead from a service back to
    /// it. The walk visits every service and reference once (a chain of 2,000 services stays linear) and keeps its
    /// own stack, so no chain is too deep for it.
    static func cycles(order: [String], references: [String: [ServiceReference]]) -> [[ServiceReference]] {
        var finished: Set<String> = []
        var depthOnPath: [String: Int] = [:]
        var found: [[ServiceReference]] = []
        for root in order where !finished.contains(root) && depthOnPath[root] == nil {
            // The services on the current path, with how many of their references were followed, and the references taken.
            var path: [(name: String, next: Int)] = [(root, 0)]
            var taken: [ServiceReference] = []
            depthOnPath[root] = 0
            while let top = path.last {
                let outgoing = references[top.name] ?? []
                guard top.next < outgoing.count else {
                    path.removeLast()
                    depthOnPath[top.name] = nil
                    finished.insert(top.name)
                    if !taken.isEmpty { taken.removeLast() }
                    continue
                }
                path[path.count - 1].next += 1
                let reference = outgoing[top.next]
                if let depth = depthOnPath[reference.service] {
                    found.append(Array(taken[depth...]) + [reference])
                } else if references[reference.service] != nil, !finished.contains(reference.service) {
                    depthOnPath[reference.service] = path.count
                    path.append((reference.service, 0))
                    taken.append(reference)
                }
            }
        }
        return found
    }
}
