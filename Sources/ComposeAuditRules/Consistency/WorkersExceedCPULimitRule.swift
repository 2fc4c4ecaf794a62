import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA509: more workers than the CPU limit can run.
public struct WorkersExceedCPULimitRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA509", name: "workers-exceed-cpu-limit", category: .consistency, severity: .low,
        subject: "server with a CPU limit",
        summary: "A service's worker count (command flag or worker variable) is greater than 2 × its CPU limit + 1",
        rationale: """
            Each worker of gunicorn, uvicorn or celery is a process competing for the CPUs the limit \
            allows; beyond about 2 × CPUs + 1 they only add memory, context switches and throttling. \
            Lower the count or raise the limit so that the two agree.
            """,
        triggering: [
            RuleExample("8 workers on half a CPU", files: ["compose.yaml": """
                services:
                  web:
                    image: example/app:1.0
                    command: ↓gunicorn -w 8 app:wsgi
                    cpus: 0.5
                  api:
                    image: example/app:1.0
                    environment:
                      ↓WEB_CONCURRENCY: 9
                    command: ["sh", "-c", "exec uvicorn app:api --workers $${WEB_CONCURRENCY}"]
                    deploy:
                      resources:
                        limits: {cpus: "2", memory: 1G}
                """]),
        ],
        nonTriggering: [
            RuleExample("within the limit, or no limit", files: ["compose.yaml": """
                services:
                  web:
                    image: example/app:1.0
                    command: gunicorn -w 5 app:wsgi
                    cpus: 2
                  worker:
                    image: example/app:1.0
                    command: celery -A app worker -c 16
                """]),
        ]
    )

    /// `0.5`, `2`, `"1.5"` as a number of CPUs.
    static func cpuCount(_ text: String) -> Double? { Double(text.trimmingCharacters(in: " \"'")) }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let cpusText = service.limits.cpus?.value, let cpus = Self.cpuCount(cpusText), cpus > 0 else { return .notApplicable }
        let allowed = Int((2 * cpus + 1).rounded(.down))
        var counts: [(Int, SourceLocation, String)] = []
        for invocation in project.invocations(of: service) {
            for words in invocation.simpleCommands {
                guard let server = WorkerServers.server(for: words) else { continue }
                if let count = WorkerServers.hardcodedCount(in: words) {
                    counts.append((count.count, invocation.location, "`\(count.server) \(count.flag)`"))
                }
                for variable in service.environment where (server.variables + WorkerServers.genericVariables).contains(variable.name) {
                    if let value = variable.value?.value, let count = Int(value) {
                        counts.append((count, variable.location, "`\(variable.name)=\(count)`"))
                    }
                }
            }
        }
        guard !counts.isEmpty else { return .notApplicable }
        return .judged(counts.filter { $0.0 > allowed }.map { count, location, what in
            Violation("Service `\(service.name)` runs \(count) workers (\(what)) on a limit of \(cpusText) CPUs; at most \(allowed) make sense",
                      at: location)
        })
    }
}
