import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Audits projects on every core; reports progress on stderr when it is a terminal and the scan is long.
enum ParallelAudit {
    struct Audited: Sendable {
        var report: AuditReport
        var configuration: Configuration
    }

    static func run(targets: [ProjectTarget], progress: Bool,
                    load: @Sendable (ProjectTarget) throws(ProjectLoader.LoadError) -> Project) -> [Result<Audited, ProjectLoader.LoadError>] {
        let results = Locked([Result<Audited, ProjectLoader.LoadError>?](repeating: nil, count: targets.count))
        let done = Atomic(0)
        let showProgress = progress && isatty(STDERR_FILENO) == 1
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: targets.count) { index in
            let result: Result<Audited, ProjectLoader.LoadError>
            do throws(ProjectLoader.LoadError) {
                let project = try load(targets[index])
                // One project: its rules share the cores; many: the projects do.
                let linter = Linter(rules: BuiltinRules.all, runsRulesInParallel: targets.count == 1)
                result = .success(Audited(report: linter.audit(project), configuration: project.configuration))
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[index] = result }
            let count = done.add(1, ordering: .relaxed).newValue
            if showProgress, DispatchTime.now().uptimeNanoseconds - start > 1_000_000_000 {
                Console.progress("audited \(count)/\(targets.count) projects")
            }
        }
        if showProgress { Console.progress(nil) }
        return results.withLock { $0.compactMap { $0 } }
    }
}
