import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA308: `logging: driver: none`.
public struct LoggingDisabledRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA308", name: "logging-disabled", category: .operations, severity: .low,
        subject: "service with a logging driver",
        standards: StandardReferences(owasp: ["D10"], cwe: [778]),
        summary: "A service throws its logs away: `logging: driver: none`",
        rationale: """
            With the `none` driver, `docker compose logs` shows nothing and nothing reaches a log collector: the \
            first sign of a crash loop or an intrusion is gone. To keep logs small, rotate them instead \
            (`driver: json-file` or `local` with `max-size` and `max-file`).
            """,
        triggering: [
            RuleExample("logs discarded", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    logging:
                      driver: ↓none
                """]),
        ],
        nonTriggering: [
            RuleExample("rotated logs", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    logging:
                      driver: local
                      options:
                        max-size: 10m
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let driver = service.logging?.driver else { return .notApplicable }
        guard driver.value.lowercased() == "none" else { return .passes }
        return .fails(Violation("Service `\(service.name)` discards its logs (`driver: none`); rotate them instead", at: driver.location))
    }
}
