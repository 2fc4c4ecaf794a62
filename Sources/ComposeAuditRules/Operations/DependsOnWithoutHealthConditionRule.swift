import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA305: waiting for a container to start instead of to be ready.
public struct DependsOnWithoutHealthConditionRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA305", name: "depends-on-without-health-condition", category: .operations, severity: .low,
        subject: "dependency",
        summary: "`depends_on` names a service that has a healthcheck in the short syntax, which waits only for its start (a condition written out is the author's choice)",
        rationale: """
            Plain `depends_on` waits until the dependency's container has started, not until it accepts \
            connections: the application races the database on every `up` and crashes or retries. When the \
            dependency has a healthcheck, `condition: service_healthy` makes Compose wait for it.
            """,
        triggering: [
            RuleExample("short syntax on a healthy-checked database", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD", "pg_isready"]
                  app:
                    image: example/app:1.0
                    depends_on:
                      - ↓db
                """]),
        ],
        nonTriggering: [
            RuleExample("the condition is set, or the dependency has no healthcheck", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD", "pg_isready"]
                  cache:
                    image: memcached:1.6
                  app:
                    image: example/app:1.0
                    depends_on:
                      db:
                        condition: service_healthy
                      cache:
                        condition: service_started
                """]),
            RuleExample("`service_started` written on purpose: the author chose not to wait", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD", "pg_isready"]
                  worker:
                    image: example/worker:1.0
                    depends_on:
                      db:
                        condition: service_started
                        restart: true
                """]),
        ],
        fixTitle: "Use the long syntax with `condition: service_healthy`",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "`docker compose up` waits until the dependency is healthy, and fails if it never becomes healthy", modelParts: ["services.*.depends_on"]),
        corrections: [
            RuleCorrection("block and flow lists become mappings with conditions", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD", "pg_isready"]
                  cache:
                    image: memcached:1.6
                  app:
                    image: example/app:1.0
                    depends_on:
                      - db
                      - cache
                  worker:
                    image: example/app:1.0
                    depends_on: [db]
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD", "pg_isready"]
                  cache:
                    image: memcached:1.6
                  app:
                    image: example/app:1.0
                    depends_on:
                      db:
                        condition: service_healthy
                      cache:
                        condition: service_started
                  worker:
                    image: example/app:1.0
                    depends_on: {db: {condition: service_healthy}}
                """]),
        ],
        isHabit: true
    )

    /// Rewrites the whole `depends_on` (short list) as a mapping with a condition per dependency, or
    /// adds the condition to a long-form entry.
    private func fix(_ service: Service, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
              let key = editing.tree.ownKey(body, "depends_on"), let value = editing.tree.ownValue(body, forKey: "depends_on"),
              editing.tree.anchor(value) == nil else { return nil }
        let tree = editing.tree
        func condition(_ name: String) -> String {
            project.model.service(named: name).map(project.hasHealthcheck) == true ? "service_healthy" : "service_started"
        }
        var edits: [TextEdit] = []
        switch tree.kind(value) {
        case .sequence:
            let names = tree.items(value).compactMap(tree.string)
            guard names.count == tree.items(value).count, !names.contains(where: { $0.contains("$") }) else { return nil }
            if tree.isFlow(value) {
                let text = "{" + names.map { "\($0): {condition: \(condition($0))}" }.joined(separator: ", ") + "}"
                edits.append(TextEdit(range: tree.range(value), replacement: text))
            } else {
                guard let first = tree.items(value).first else { return nil }
                let dashColumn = tree.column(of: first) - 2
                guard dashColumn > tree.column(of: key) else { return nil }
                let lineStart = tree.source.lineStarts[tree.source.lineIndex(containing: tree.range(first).start)]
                let pad = String(repeating: " ", count: dashColumn)
                let inner = String(repeating: " ", count: dashColumn + tree.indentUnit)
                let text = names.map { "\(pad)\($0):" + tree.newline + "\(inner)condition: \(condition($0))" }.joined(separator: tree.newline)
                edits.append(TextEdit(range: TextRange(start: lineStart, end: tree.contentEnd(value)), replacement: text))
            }
        case .mapping:
            for (name, entry) in tree.rawPairs(value) {
                guard let dependency = tree.string(name), tree.value(entry, forKey: "condition") == nil else { continue }
                if tree.isNull(entry) {
                    edits += [editing.editor.fillEmptyValue(key: name, value: entry, lines: [(0, "condition: \(condition(dependency))")])].compactMap { $0 }
                } else if tree.kind(entry) == .mapping, !tree.isFlow(entry) {
                    edits += [editing.editor.addEntry(to: entry, key: "condition", value: .scalar(condition(dependency)))].compactMap { $0 }
                }
            }
        default:
            return nil
        }
        guard !edits.isEmpty else { return nil }
        return Fix("Wait for healthy dependencies", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: edits)])
    }

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        guard !project.leavesHabitsAlone(service) else { return [] }
        return service.dependsOn.compactMap { dependency in
            guard let target = project.model.service(named: dependency.service), project.hasHealthcheck(target) else { return nil }
            let subject = Subject.item(kind: "dependency", key: "\(service.name)->\(target.name)")
            // A condition written out, `service_started` included, is the author's choice (a worker that retries on
            // its own, a dependency whose healthcheck is slow to pass): only the short syntax is judged.
            guard dependency.condition == nil else { return PartVerdict(subject, .passes) }
            return PartVerdict(subject, .fails(Violation("Service `\(service.name)` starts when `\(target.name)` has started, not when it is healthy",
                                                         at: dependency.location, fix: fix(service, project))))
        }
    }
}
