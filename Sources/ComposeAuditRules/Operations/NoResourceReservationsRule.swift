import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA302: limits without reservations.
public struct NoResourceReservationsRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA302", name: "no-resource-reservations", category: .operations, severity: .info,
        subject: "service with limits",
        standards: StandardReferences(owasp: ["D07"]),
        summary: "A service has resource limits but no `deploy.resources.reservations`",
        rationale: """
            Limits cap a service; reservations guarantee it a floor. Without them a scheduler (Swarm) \
            places services with no idea what they need, and on a busy host the memory a database counts \
            on is not set aside. A reservation of about a quarter of the limit is a sound start.
            """,
        triggering: [
            RuleExample("limits only", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    deploy:
                      resources:
                        ↓limits: {memory: 1G, cpus: "1"}
                """]),
        ],
        nonTriggering: [
            RuleExample("limits and reservations; no limits at all (CA301's case)", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    deploy:
                      resources:
                        limits: {memory: 1G, cpus: "1"}
                        reservations: {memory: 256M}
                  web:
                    image: nginx:1.27
                """]),
        ],
        fixTitle: "Add reservations of a quarter of the limits",
        fixSafety: .unsafe(.inventsValue, consequence: "Reserves a quarter of the limits: a host that cannot reserve them will not schedule the service", modelParts: ["services.*.deploy", "services.*.mem_reservation"]),
        corrections: [
            RuleCorrection("a quarter of memory and CPUs", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    deploy:
                      resources:
                        limits:
                          cpus: '2'
                          memory: 1G
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    deploy:
                      resources:
                        limits:
                          cpus: '2'
                          memory: 1G
                        reservations:
                          cpus: '0.5'
                          memory: 256M
                """]),
        ]
    )

    private func fix(_ service: Service, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
              let deploy = editing.tree.ownValue(body, forKey: "deploy"),
              let resources = editing.tree.ownValue(deploy, forKey: "resources"),
              editing.tree.hasOwnKey(resources, "limits") else { return nil }
        var lines: [(level: Int, text: String)] = []
        if let cpus = service.limits.cpus.flatMap({ Double($0.value) }) {
            lines.append((0, "cpus: '\(ResourceDefaults.cpuText(cpus / 4))'"))
        }
        if let memory = service.limits.memory.flatMap({ ResourceDefaults.bytes($0.value) }) {
            lines.append((0, "memory: \(ResourceDefaults.memoryText(memory / 4))"))
        }
        guard !lines.isEmpty else { return nil }
        var edits: [TextEdit] = []
        if let reservations = editing.tree.ownValue(resources, forKey: "reservations") {
            // Reservations of devices (GPUs) only: add memory and CPUs beside them.
            guard editing.tree.kind(reservations) == .mapping, !editing.tree.isFlow(reservations) else { return nil }
            for line in lines {
                let parts = line.text.split(separator: ":", maxSplits: 1)
                edits += [editing.editor.addEntry(to: reservations, key: String(parts[0]),
                                                  value: .scalar(String(parts[1]).trimmingCharacters(in: " ")))].compactMap { $0 }
            }
        } else {
            edits += [editing.editor.addEntry(to: resources, key: "reservations", value: .block(lines))].compactMap { $0 }
        }
        guard !edits.isEmpty else { return nil }
        return Fix("Reserve a quarter of the limits", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: edits)])
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard service.limits.memory != nil || service.limits.cpus != nil else { return .notApplicable }
        guard service.reservations.memory == nil && service.reservations.cpus == nil else { return .passes }
        return .fails(Violation("Service `\(service.name)` has limits but reserves no memory or CPU",
                                at: service.limits.location ?? service.location, fix: fix(service, project)))
    }
}
