import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA306: a long-running service that stays down after a crash or reboot.
public struct NoRestartPolicyRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA306", name: "no-restart-policy", category: .operations, severity: .low,
        subject: "long-running service",
        standards: StandardReferences(cis: ["5.15"]),
        summary: "A long-running service has no `restart:` policy (nor `deploy.restart_policy`)",
        rationale: """
            Without a restart policy a crashed container stays down, and after a host reboot nothing \
            comes back. `restart: unless-stopped` restarts it except when someone stopped it on purpose. \
            One-shot jobs are exempt: `restart: "no"`, awaited with `service_completed_successfully`, \
            running migrations, or named like setup, init or migrate.
            """ + Project.runByHandRationale,
        triggering: [
            RuleExample("one service restarts, the other does not", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    restart: unless-stopped
                  ↓api:
                    image: example/api:1.0
                """]),
        ],
        nonTriggering: [
            RuleExample.oneShotJobs,
            RuleExample("a policy, a swarm policy, a one-shot job", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    restart: unless-stopped
                    depends_on:
                      migrate:
                        condition: service_completed_successfully
                  worker:
                    image: example/worker:1.0
                    deploy:
                      restart_policy:
                        condition: on-failure
                  migrate:
                    image: example/api:1.0
                    command: ["./migrate"]
                """]),
        ],
        fixTitle: "Add `restart: unless-stopped`",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "A container that exits is started again, so a job meant to finish runs again", modelParts: ["services.*.restart"]),
        corrections: [
            RuleCorrection("after the last line of the service, comments kept", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0   # pinned
                    environment:
                      MODE: prod
                  # the worker
                  worker:
                    image: example/worker:1.0
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0   # pinned
                    environment:
                      MODE: prod
                    restart: unless-stopped
                  # the worker
                  worker:
                    image: example/worker:1.0
                    restart: unless-stopped
                """]),
        ],
        isHabit: true
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !project.leavesHabitsAlone(service) else { return .notApplicable }
        guard project.isLongRunning(service) else { return .notApplicable }
        guard service.restart == nil && !service.hasRestartPolicyInDeploy else { return .passes }
        let fix = ComposeEditing(project, service: service).flatMap { editing in
            editing.addServiceEntry(service, key: "restart", value: .scalar("unless-stopped")).map {
                Fix("Add `restart: unless-stopped`", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])])
            }
        }
        return .fails(Violation("Service `\(service.name)` has no restart policy" + project.longRunningHabitNote, at: service.location,
                                severity: project.longRunningHabitSeverity, fix: fix))
    }
}
