import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA304: nothing tells Docker whether the service works.
public struct NoHealthcheckRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA304", name: "no-healthcheck", category: .operations, severity: .low,
        subject: "long-running service",
        standards: StandardReferences(cis: ["4.6", "5.27"], cwe: [754]),
        summary: "A service has no `healthcheck:` and its image's Dockerfile has no `HEALTHCHECK`",
        rationale: """
            Without a health check a container that deadlocks or loses its database still counts as \
            running: `depends_on` cannot wait for it to be ready, restarts never happen, and monitoring \
            sees green. Databases and caches have one-line checks (`pg_isready`, `redis-cli ping`).
            """ + Project.runByHandRationale,
        triggering: [
            RuleExample("no healthcheck anywhere", files: ["compose.yaml": """
                services:
                  ↓db:
                    image: postgres:16
                    restart: unless-stopped
                """]),
        ],
        nonTriggering: [
            RuleExample.oneShotJobs,
            RuleExample("images whose own Dockerfile defines a HEALTHCHECK (the image catalogue)", files: ["compose.yaml": """
                services:
                  monitor:
                    image: louislam/uptime-kuma:2
                  vault:
                    image: vaultwarden/server:1.32.0
                """]),
            RuleExample("compose healthcheck, Dockerfile HEALTHCHECK, explicit disable, one-shot job", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: postgres:16
                        healthcheck:
                          test: ["CMD-SHELL", "pg_isready -U postgres"]
                      app:
                        build: .
                        depends_on:
                          migrate:
                            condition: service_completed_successfully
                      sidecar:
                        image: example/sidecar:1.0
                        healthcheck:
                          disable: true
                      migrate:
                        image: example/app:1.0
                        restart: "no"
                    """,
                "Dockerfile": "FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n",
            ]),
        ],
        fixTitle: "Add a known-good healthcheck for the image",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "Docker runs the check and marks the container unhealthy when it fails; services waiting for it start later, or not at all", modelParts: ["services.*.healthcheck"]),
        corrections: [
            RuleCorrection("postgres and redis", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                  cache:
                    image: redis:7
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    healthcheck:
                      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]
                      interval: 10s
                      timeout: 5s
                      retries: 5
                  cache:
                    image: redis:7
                    healthcheck:
                      test: ["CMD", "redis-cli", "ping"]
                      interval: 10s
                      timeout: 5s
                      retries: 5
                """]),
        ],
        isHabit: true
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !project.leavesHabitsAlone(service) else { return .notApplicable }
        guard project.isLongRunning(service) else { return .notApplicable }
        if service.healthcheck != nil || project.imageHealthcheck(of: service) != nil { return .passes }
        if project.runtimeImage(of: service).flatMap(ImageCatalogue.family(of:))?.hasBuiltInHealthcheck == true { return .passes }
        let serverImage = project.knownImage(of: service) != nil ? project.runtimeImage(of: service) : nil
        let fix = serverImage.flatMap(ImageCatalogue.family(of:))?.healthcheck.flatMap { test in
            ComposeEditing(project, service: service).flatMap { editing in
                editing.addServiceEntry(service, key: "healthcheck", value: .block([
                    (0, "test: \(test)"), (0, "interval: 10s"), (0, "timeout: 5s"), (0, "retries: 5"),
                ])).map { Fix("Add a healthcheck", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])]) }
            }
        }
        return .fails(Violation("Service `\(service.name)` has no healthcheck" + project.longRunningHabitNote, at: service.location,
                                severity: project.longRunningHabitSeverity, fix: fix))
    }
}
