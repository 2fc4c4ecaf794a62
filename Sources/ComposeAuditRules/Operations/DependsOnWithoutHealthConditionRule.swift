import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA305: waiting for a container to start instead of to be ready.
public struct DependsOnWithoutHealthConditionRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA305", name: "depends-on-without-health-condition", category: .operations, severity: .low,
        subject: "dependency",
        summary: "`depends_on` names a service that has a healthcheck, without `condition: service_healthy`",
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
        ],
        fixTitle: "Use the long syntax with `condition: service_healthy`",
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        var subjects = 0
        var violations: [Violation] = []
        for service in project.services {
            for dependency in service.dependsOn {
                guard let target = project.model.service(named: dependency.service), project.hasHealthcheck(target) else { continue }
                subjects += 1
                guard dependency.condition == nil || dependency.condition == "service_started" else { continue }
                violations.append(Violation("Service `\(service.name)` starts when `\(target.name)` has started, not when it is healthy",
                                            at: dependency.location, subject: "dependency:\(service.name)->\(target.name)"))
            }
        }
        return RuleOutcome(subjectCount: subjects, violations: violations)
    }
}
