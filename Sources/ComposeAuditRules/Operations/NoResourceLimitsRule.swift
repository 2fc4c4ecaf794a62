import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA301: a service without a memory or CPU limit.
public struct NoResourceLimitsRule: ServiceRule, ConfigurableRule {
    /// `rules: {CA301: {limits: {database: {memory: 2G, cpus: "2"}}}}`: the limits the fix writes per kind of service.
    public struct Options: RuleOptions {
        public var limits: [ResourceDefaults.ServiceKind: ResourceDefault] = [:]

        public init() {}

        public init(_ value: YAMLNode, in tree: YAMLTree) throws(InputError) {
            let reader = try RuleOptionsReader(value, in: tree, keys: ["limits"])
            let kinds = ResourceDefaults.ServiceKind.allCases.map(\.rawValue)
            for (kind, limit) in try reader.entries("limits") {
                guard let name = tree.string(kind), let serviceKind = ResourceDefaults.ServiceKind(rawValue: name) else {
                    throw reader.error(at: kind, "unknown service kind; use \(kinds.joined(separator: ", "))")
                }
                guard let memory = tree.value(limit, forKey: "memory").flatMap(tree.string),
                      let cpus = tree.value(limit, forKey: "cpus").flatMap(tree.string) else {
                    throw reader.error(at: limit, "expected `memory` and `cpus`")
                }
                limits[serviceKind] = ResourceDefault(memory: memory, cpus: cpus)
            }
        }
    }

    public var options = Options()

    public init() {}

    public static let description = RuleDescription(
        id: "CA301", name: "no-resource-limits", category: .operations, severity: .medium,
        subject: "service",
        standards: StandardReferences(cis: ["5.11", "5.12"], owasp: ["D07"], cwe: [770]),
        summary: "A service has no memory limit or no CPU limit",
        rationale: """
            Without limits one leaking or busy container can take all the host's memory or CPU and \
            starve every other service, or get the whole host killed by the kernel's OOM killer. Set \
            `deploy.resources.limits.memory` and `.cpus` (or the legacy `mem_limit` and `cpus`).
            """ + Project.runByHandRationale,
        triggering: [
            RuleExample("no limits at all", files: [
                "compose.yaml": """
                    services:
                      ↓web:
                        image: nginx:1.27
                        restart: unless-stopped
                    """,
            ]),
            RuleExample("a memory limit but no CPU limit", files: [
                "compose.yaml": """
                    services:
                      api:
                        image: example/api:1.0
                        deploy:
                          restart_policy:
                            condition: any
                          resources:
                            ↓limits:
                              memory: 512M
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("deploy limits, and legacy keys", files: [
                "compose.yaml": """
                    services:
                      api:
                        image: example/api:1.0
                        deploy:
                          resources:
                            limits:
                              memory: 512M
                              cpus: "1.0"
                      worker:
                        image: example/worker:1.0
                        mem_limit: 1g
                        cpus: 0.5
                    """,
            ]),
        ],
        fixTitle: "Add memory and CPU limits for the service's kind",
        fixSafety: .unsafe(.changesHowContainersRun, .inventsValue, consequence: "The container is killed above the memory limit and throttled above the CPU limit (defaults for its kind, or the `limits` option)", modelParts: ["services.*.deploy", "services.*.mem_limit", "services.*.cpus"]),
        corrections: [
            RuleCorrection("limits by kind: database, cache, proxy, built application; a partial deploy block completed", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                  cache:
                    image: redis:7
                  web:
                    image: nginx:1.27
                  app:
                    build: .
                    deploy:
                      replicas: 2
                  worker:
                    image: example/worker:1.0
                    deploy:
                      resources:
                        limits:
                          memory: 512M
                  legacy:
                    image: example/legacy:1.0
                    mem_limit: 256m
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    deploy:
                      resources:
                        limits:
                          cpus: '2'
                          memory: 1G
                  cache:
                    image: redis:7
                    deploy:
                      resources:
                        limits:
                          cpus: '1'
                          memory: 512M
                  web:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits:
                          cpus: '0.5'
                          memory: 256M
                  app:
                    build: .
                    deploy:
                      replicas: 2
                      resources:
                        limits:
                          cpus: '2'
                          memory: 2G
                  worker:
                    image: example/worker:1.0
                    deploy:
                      resources:
                        limits:
                          memory: 512M
                          cpus: '1'
                  legacy:
                    image: example/legacy:1.0
                    mem_limit: 256m
                    cpus: 1
                """]),
        ],
        options: optionsDescription(example: "limits: {database: {memory: 2G, cpus: \"2\"}, application: {memory: 1G, cpus: \"1\"}}"),
        isHabit: true
    )

    /// Adds the missing limits at the deepest part of `deploy.resources.limits` that exists, or the
    /// missing legacy key when the service uses `mem_limit`/`cpus`.
    private func fix(_ service: Service, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service) else { return nil }
        let tree = editing.tree
        let editor = editing.editor
        let kind = ResourceDefaults.kind(image: project.knownImage(of: service), builds: service.build != nil)
        guard let defaults = options.limits[kind] ?? ResourceDefaults.table[kind] else { return nil }
        let cpus = "cpus: '\(defaults.cpus)'"
        let memory = "memory: \(defaults.memory)"
        var edits: [TextEdit] = []
        if tree.hasOwnKey(body, "mem_limit") || tree.hasOwnKey(body, "cpus") {
            if service.limits.cpus == nil { edits += [editor.addEntry(to: body, key: "cpus", value: .scalar(defaults.cpus))].compactMap { $0 } }
            if service.limits.memory == nil {
                edits += [editor.addEntry(to: body, key: "mem_limit", value: .scalar(defaults.memory.lowercased()))].compactMap { $0 }
            }
        } else if let deploy = tree.ownValue(body, forKey: "deploy") {
            guard tree.kind(deploy) == .mapping, !tree.hasMergeKey(deploy) else { return nil }
            if let resources = tree.ownValue(deploy, forKey: "resources") {
                guard tree.kind(resources) == .mapping, !tree.hasMergeKey(resources) else { return nil }
                if let limits = tree.ownValue(resources, forKey: "limits") {
                    guard tree.kind(limits) == .mapping, !tree.isFlow(limits), !tree.hasMergeKey(limits) else { return nil }
                    if service.limits.cpus == nil { edits += [editor.addEntry(to: limits, key: "cpus", value: .scalar("'\(defaults.cpus)'"))].compactMap { $0 } }
                    if service.limits.memory == nil { edits += [editor.addEntry(to: limits, key: "memory", value: .scalar(defaults.memory))].compactMap { $0 } }
                } else {
                    edits += [editor.addEntry(to: resources, key: "limits", value: .block([(0, cpus), (0, memory)]))].compactMap { $0 }
                }
            } else {
                edits += [editor.addEntry(to: deploy, key: "resources", value: .block([(0, "limits:"), (1, cpus), (1, memory)]))].compactMap { $0 }
            }
        } else if tree.value(body, forKey: "deploy") == nil {
            edits += [editor.addEntry(to: body, key: "deploy", value: .block([(0, "resources:"), (1, "limits:"), (2, cpus), (2, memory)]))]
                .compactMap { $0 }
        }
        guard !edits.isEmpty else { return nil }
        return Fix("Limit `\(service.name)` to \(defaults.memory) and \(defaults.cpus) CPUs (\(kind.rawValue) defaults)",
                   applicability: .unsafe, changes: [FileChange(path: editing.path, edits: edits)])
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !project.leavesHabitsAlone(service) else { return .notApplicable }
        let limits = service.limits
        var missing: [String] = []
        if limits.memory == nil { missing.append("memory") }
        if limits.cpus == nil { missing.append("CPU") }
        guard !missing.isEmpty else { return .passes }
        let what = missing.count == 2 ? "no memory and no CPU limit" : "no \(missing[0]) limit"
        return .fails(Violation("Service `\(service.name)` has \(what)" + project.longRunningHabitNote, at: limits.location ?? service.location,
                                severity: project.longRunningHabitSeverity, fix: fix(service, project)))
    }
}
