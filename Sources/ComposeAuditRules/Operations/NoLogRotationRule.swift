import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA303: logs that grow without bound.
public struct NoLogRotationRule: Rule {
    public init() {}

    /// Drivers that ship logs away from the host's disk.
    static let remoteDrivers: Set<String> = ["syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs",
                                             "gcplogs", "logentries", "loki", "none"]

    public static let description = RuleDescription(
        id: "CA303", name: "no-log-rotation", category: .operations, severity: .medium,
        subject: "service",
        summary: "A service's logs are not rotated: no `logging:` with `json-file` + `max-size`, the `local` driver, or a driver that ships logs off the host",
        rationale: """
            Docker's default `json-file` driver never rotates: a chatty service fills the disk and takes \
            every container on the host down with it. Set `max-size` and `max-file`, ideally once in an \
            `x-logging` extension that every service merges.
            """,
        triggering: [
            RuleExample("no logging, and json-file without max-size", files: ["compose.yaml": """
                services:
                  ↓web:
                    image: nginx:1.27
                  api:
                    image: example/api:1.0
                    ↓logging:
                      driver: json-file
                """]),
        ],
        nonTriggering: [
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
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        var violations: [Violation] = []
        for service in project.services {
            guard let logging = service.logging else {
                violations.append(Violation("Service `\(service.name)` has no log rotation: the default json-file driver grows without bound",
                                            at: service.location, subject: "service:\(service.name)"))
                continue
            }
            let driver = logging.driver?.value ?? "json-file"
            if driver == "local" || Self.remoteDrivers.contains(driver) { continue }
            if driver == "json-file", logging.options["max-size"] != nil { continue }
            if driver != "json-file" { continue }
            violations.append(Violation("Service `\(service.name)` logs with json-file but sets no `max-size`",
                                        at: logging.location, subject: "service:\(service.name)"))
        }
        return RuleOutcome(subjectCount: project.services.count, violations: violations)
    }
}
