import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA303: logs that grow without bound.
public struct NoLogRotationRule: ServiceRule {
    public init() {}

    /// Drivers that ship logs away from the host's disk.
    static let remoteDrivers: Set<String> = ["syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs",
                                             "gcplogs", "logentries", "loki", "none"]

    public static let description = RuleDescription(
        id: "CA303", name: "no-log-rotation", category: .operations, severity: .medium,
        subject: "service",
        standards: StandardReferences(owasp: ["D07", "D10"], cwe: [400]),
        summary: "A service's logs are not rotated: no `logging:` with `json-file` + `max-size`, the `local` driver, or a driver that ships logs off the host",
        rationale: """
            Docker's default `json-file` driver never rotates: a chatty service fills the disk and takes \
            every container on the host down with it. Set `max-size` and `max-file`, ideally once in an \
            `x-logging` extension that every service merges. One-shot jobs (setup, migrations, init; \
            `restart: "no"`, or awaited with `service_completed_successfully`) are exempt.
            """ + Project.runByHandRationale,
        triggering: [
            RuleExample("no logging, and json-file without max-size", files: ["compose.yaml": """
                services:
                  ↓web:
                    image: nginx:1.27
                    restart: unless-stopped
                  api:
                    image: example/api:1.0
                    ↓logging:
                      driver: json-file
                """]),
        ],
        nonTriggering: [
            RuleExample.oneShotJobs,
            RuleExample("a shared x-logging, the local driver and syslog", files: ["compose.yaml": """
                x-logging: &default-logging
                  driver: json-file
                  options:
                    max-size: "10m"
                    max-file: "3"
                services:
                  web:
                    image: nginx:1.27
                    logging: *default-logging
                  api:
                    image: example/api:1.0
                    logging:
                      driver: local
                  worker:
                    image: example/worker:1.0
                    logging: {driver: syslog}
                """]),
        ],
        fixTitle: "Add an `x-logging` extension (json-file, 10m × 3) and use it in every service",
        fixSafety: .unsafe(.inventsValue, consequence: "Docker keeps 3 log files of 10 MB per container: older log lines are deleted", modelParts: ["services.*.logging", "x-logging"]),
        corrections: [
            RuleCorrection("one extension before services, an alias in each service", before: ["compose.yaml": """
                # shop
                name: shop

                # the stack
                services:
                  web:
                    image: nginx:1.27
                  api:
                    image: example/api:1.0
                    logging:
                      driver: json-file
                """], after: ["compose.yaml": """
                # shop
                name: shop

                x-logging: &default-logging
                  driver: json-file
                  options:
                    max-size: "10m"
                    max-file: "3"

                # the stack
                services:
                  web:
                    image: nginx:1.27
                    logging: *default-logging
                  api:
                    image: example/api:1.0
                    logging:
                      driver: json-file
                      options:
                        max-size: "10m"
                        max-file: "3"
                """]),
            RuleCorrection("an existing extension is reused", before: ["compose.yaml": """
                x-log: &log
                  driver: local
                services:
                  web:
                    image: nginx:1.27
                """], after: ["compose.yaml": """
                x-log: &log
                  driver: local
                services:
                  web:
                    image: nginx:1.27
                    logging: *log
                """]),
        ],
        isHabit: true
    )

    static let rotationLines: [(level: Int, text: String)] = [(0, "driver: json-file"), (0, "options:"), (1, "max-size: \"10m\""), (1, "max-file: \"3\"")]

    /// A top-level `x-*` extension with an anchor whose logging rotates (reused instead of adding one).
    private func existingExtension(_ tree: YAMLTree) -> String? {
        guard let root = tree.documents.first else { return nil }
        for (key, value) in tree.rawPairs(root) {
            guard let name = tree.string(key), name.hasPrefix("x-"), let anchor = tree.anchor(value), tree.kind(value) == .mapping else { continue }
            let driver = tree.value(value, forKey: "driver").flatMap(tree.string)
            let maxSize = tree.value(value, forKey: "options").flatMap { tree.value($0, forKey: "max-size") }
            if driver == "local" || (driver == "json-file" && maxSize != nil) || (driver.map(Self.remoteDrivers.contains) ?? false) { return anchor }
        }
        return nil
    }

    /// `logging: *default-logging`, adding the `x-logging` extension before `services:` when the file has none.
    private func addLogging(_ service: Service, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let root = editing.root else { return nil }
        let tree = editing.tree
        var edits: [TextEdit] = []
        var anchor = existingExtension(tree)
        if anchor == nil {
            guard !tree.hasOwnKey(root, "x-logging"), let services = tree.ownKey(root, "services") else { return nil }
            anchor = "default-logging"
            edits.append(editing.editor.insertTopLevel(key: "x-logging", anchor: anchor, lines: Self.rotationLines, before: services))
        }
        guard let anchor, let use = editing.addServiceEntry(service, key: "logging", value: .scalar("*" + anchor)) else { return nil }
        edits.append(use)
        return Fix("Rotate logs with `*\(anchor)`", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: edits)])
    }

    /// `max-size` and `max-file` in an existing json-file `logging:` block.
    private func addRotation(_ service: Service, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
              let logging = editing.tree.ownValue(body, forKey: "logging"), editing.tree.kind(logging) == .mapping,
              !editing.tree.isFlow(logging) else { return nil }
        let tree = editing.tree
        let edit: TextEdit?
        if let options = tree.ownValue(logging, forKey: "options") {
            guard tree.kind(options) == .mapping, !tree.isFlow(options) else { return nil }
            var lines: [TextEdit] = []
            if !tree.hasOwnKey(options, "max-size") { lines += [editing.editor.addEntry(to: options, key: "max-size", value: .scalar("\"10m\""))].compactMap { $0 } }
            if !tree.hasOwnKey(options, "max-file") { lines += [editing.editor.addEntry(to: options, key: "max-file", value: .scalar("\"3\""))].compactMap { $0 } }
            guard !lines.isEmpty else { return nil }
            return Fix("Rotate at 10m × 3", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: lines)])
        }
        edit = editing.editor.addEntry(to: logging, key: "options", value: .block([(0, "max-size: \"10m\""), (0, "max-file: \"3\"")]))
        return edit.map { Fix("Rotate at 10m × 3", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])]) }
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !project.leavesHabitsAlone(service) else { return .notApplicable }
        // A one-shot job writes little and exits; its logs go with its container.
        guard project.isLongRunning(service) else { return .notApplicable }
        guard let logging = service.logging else {
            return .fails(Violation("Service `\(service.name)` has no log rotation: the default json-file driver grows without bound"
                                    + project.longRunningHabitNote, at: service.location, severity: project.longRunningHabitSeverity, fix: addLogging(service, project)))
        }
        let driver = logging.driver?.value ?? "json-file"
        guard driver == "json-file", logging.options["max-size"] == nil else { return .passes }
        return .fails(Violation("Service `\(service.name)` logs with json-file but sets no `max-size`" + project.longRunningHabitNote,
                                at: logging.location, severity: project.longRunningHabitSeverity, fix: addRotation(service, project)))
    }
}
