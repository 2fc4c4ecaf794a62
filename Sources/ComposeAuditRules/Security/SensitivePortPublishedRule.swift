import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA209: a database, cache, broker or admin UI published on every host interface.
public struct SensitivePortPublishedRule: ServiceRule {
    public init() {}

    static let sensitiveKinds: Set<ImageFamily.Kind> = [.database, .cache, .broker, .search, .adminUI, .coordination, .objectStore]

    public static let description = RuleDescription(
        id: "CA209", name: "sensitive-port-published", category: .security, severity: .high,
        subject: "sensitive service",
        standards: StandardReferences(cis: ["5.9", "5.14"], owasp: ["D03"], cwe: [668]),
        summary: "A database, cache, broker, search engine or admin UI publishes a port on all host interfaces",
        rationale: """
            `"5432:5432"` binds to 0.0.0.0: the database answers on the host's public address too, and \
            Docker's iptables rules bypass host firewalls such as ufw. Other containers reach it over the \
            compose network without any published port. When the host needs it (a local client, a tunnel), \
            bind it to loopback: `"127.0.0.1:5432:5432"`. In a development stack the host is a developer's \
            machine, whose data is throwaway: medium.
            """,
        triggering: [
            RuleExample("postgres and pgadmin on all interfaces", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    ports:
                      - ↓"5432:5432"
                  admin:
                    image: dpage/pgadmin4:8
                    ports: [↓"5050:80"]
                """]),
        ],
        nonTriggering: [
            RuleExample("loopback only, not published, or not sensitive", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    ports:
                      - "127.0.0.1:5432:5432"
                  cache:
                    image: redis:7
                    expose: ["6379"]
                  web:
                    image: nginx:1.27
                    ports: ["80:80"]
                """]),
        ],
        fixTitle: "Bind the published port to 127.0.0.1",
        fixSafety: .unsafe(.changesServedRequests, consequence: "Only this host can reach the port: other machines that used it lose access", modelParts: ["services.*.ports"]),
        corrections: [
            RuleCorrection("short and long syntax", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    ports:
                      - "5432:5432"
                      - target: 5433
                        published: 5433
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    ports:
                      - "127.0.0.1:5432:5432"
                      - target: 5433
                        published: 5433
                        host_ip: 127.0.0.1
                """]),
        ]
    )

    private func fix(_ service: Service, _ port: PortMapping, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service),
              let item = editing.ownItem(of: service, key: "ports", at: port.location) else { return nil }
        let tree = editing.tree
        let edit: TextEdit?
        if tree.kind(item) == .mapping {
            edit = tree.hasOwnKey(item, "host_ip") ? nil : editing.editor.addEntry(to: item, key: "host_ip", value: .scalar("127.0.0.1"))
        } else {
            guard let raw = tree.string(item), port.hostIP == nil, raw.contains(":") else { return nil }
            let fixed = "127.0.0.1:" + raw
            let style = tree.scalarStyle(item)
            edit = editing.editor.replaceScalar(item, with: style == .singleQuoted ? "'\(fixed)'" : YAMLScalarText.quoted(fixed))
        }
        return edit.map { Fix("Bind the port to 127.0.0.1", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])]) }
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let kind = project.knownImage(of: service)?.kind, Self.sensitiveKinds.contains(kind) else { return .notApplicable }
        // A development stack's host is a developer's machine: its networks reach a throwaway database (medium).
        let development = project.developmentStackNote.map { _ in " of a development stack's host" }
        return .judged(service.ports.filter(\.isPublishedOnAllInterfaces).map { port in
            Violation("Service `\(service.name)` (\(kind.rawValue)) publishes port \(port.published ?? "")->\(port.target) on all \(development == nil ? "host " : "")interfaces\(development ?? "")",
                      at: port.location, severity: development == nil ? nil : .medium, fix: fix(service, port, project))
        })
    }
}
