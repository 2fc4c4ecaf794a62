import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA309 (opt-in, `hardening`): a service without a limit on its number of processes.
public struct NoPidsLimitRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA309", name: "no-pids-limit", category: .operations, severity: .low,
        subject: "service",
        standards: StandardReferences(cis: ["5.29"], owasp: ["D07"], cwe: [770]),
        summary: "A service can start any number of processes: no `pids_limit` (opt-in, set `hardening`)",
        rationale: """
            Without a process limit one container can fork until the host's process table is full (a fork bomb, a \
            leak of worker processes), and then nothing on the host can start a process, other containers and \
            the SSH daemon included. `pids_limit: 200` (or `deploy.resources.limits.pids`) bounds it; a web server \
            or database needs tens to a few hundred. The right number is the service's own, so the rule offers no \
            fix. It fires on almost every service of a typical project, so it runs only when selected: \
            `--extend-select hardening`, `--select cis` or its id.
            """,
        triggering: [
            RuleExample("no limit", files: ["compose.yaml": """
                services:
                  ↓api:
                    image: example/api:1.0
                """]),
        ],
        nonTriggering: [
            RuleExample("pids_limit, or the deploy limit", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    pids_limit: 200
                  worker:
                    image: example/api:1.0
                    deploy:
                      resources:
                        limits:
                          pids: 100
                """]),
        ],
        optInSet: "hardening"
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard service.limits.pids == nil else { return .passes }
        return .fails(Violation("Service `\(service.name)` has no `pids_limit`: it can fork until the host runs out of processes",
                                at: service.location))
    }
}
