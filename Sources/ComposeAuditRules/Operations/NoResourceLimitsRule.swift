import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA301: a service without a memory or CPU limit.
public struct NoResourceLimitsRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA301", name: "no-resource-limits", category: .operations, severity: .medium,
        subject: "service",
        summary: "A service has no memory limit or no CPU limit",
        rationale: """
            Without limits one leaking or busy container can take all the host's memory or CPU and \
            starve every other service, or get the whole host killed by the kernel's OOM killer. Set \
            `deploy.resources.limits.memory` and `.cpus` (or the legacy `mem_limit` and `cpus`).
            """,
        triggering: [
            RuleExample("no limits at all", files: [
                "compose.yaml": """
                    services:
                      ↓web:
                        image: nginx:1.27
                    """,
            ]),
            RuleExample("a memory limit but no CPU limit", files: [
                "compose.yaml": """
                    services:
                      api:
                        image: example/api:1.0
                        deploy:
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
        fixApplicability: .unsafe
    )

    public func check(_ project: Project) -> RuleOutcome {
        var violations: [Violation] = []
        for service in project.services {
            let limits = service.limits
            var missing: [String] = []
            if limits.memory == nil { missing.append("memory") }
            if limits.cpus == nil { missing.append("CPU") }
            guard !missing.isEmpty else { continue }
            let what = missing.count == 2 ? "no memory and no CPU limit" : "no \(missing[0]) limit"
            violations.append(Violation("Service `\(service.name)` has \(what)",
                                        at: limits.location ?? service.location, subject: "service:\(service.name)"))
        }
        return RuleOutcome(subjectCount: project.services.count, violations: violations)
    }
}
