import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// What a service does in its stack, and the evidence the tool read it from. Derived once per project
/// (`Project.role(of:)`) and consulted by the rules and their fixes: a one-shot job is asked for no healthcheck,
/// restart policy or log rotation and never gets a long-running fix; a cache or a broker's queue is not a database.
public struct ServiceRole: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Runs for good and answers requests (the default when nothing says otherwise).
        case server
        /// Runs for good and takes work from a queue or a schedule (Celery, Sidekiq, a Kafka consumer).
        case worker
        /// Does its work and exits (setup, migrations, init, a dump).
        case job
        case database, cache, queue, proxy, search, objectStore, coordination, adminUI, monitoring
    }

    public var kind: Kind
    /// Why, in words a message or `config --roles` can quote.
    public var evidence: String

    /// Whether the service runs for good (everything but a job).
    public var isLongRunning: Bool { kind != .job }
}

extension Project {
    /// The service's role, derived once per project: a job first (its restart policy, something waiting for it to
    /// complete, a migration command, its name), then what its image is (the image catalogue; a cache its clients
    /// use as a broker is a queue), then a worker (its command or its name), else a server.
    public func role(of service: Service) -> ServiceRole {
        roles[service.name] ?? ServiceRole(kind: .server, evidence: "no sign of a job, a worker or a known image")
    }

    /// Every service's role, by name.
    public var roles: [String: ServiceRole] {
        memo.value("serviceRoles") {
            Dictionary(services.map { ($0.name, deriveRole(of: $0)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private func deriveRole(of service: Service) -> ServiceRole {
        if let evidence = oneShotEvidence(of: service) { return ServiceRole(kind: .job, evidence: evidence) }
        if let image = runtimeImage(of: service), let family = ImageCatalogue.family(of: image), let kind = family.kind {
            let named = "image `\(ImageReference(image).repository)` (\(family.family))"
            switch kind {
            case .cache where StatefulServiceWithoutVolumeRule.isBrokerOrMemoryCache(service, project: self):
                return ServiceRole(kind: .queue, evidence: "\(named), named by a client's broker URL or as its memory cache")
            case .cache: return ServiceRole(kind: .cache, evidence: named)
            case .database: return ServiceRole(kind: .database, evidence: named)
            case .broker: return ServiceRole(kind: .queue, evidence: named)
            case .search: return ServiceRole(kind: .search, evidence: named)
            case .objectStore: return ServiceRole(kind: .objectStore, evidence: named)
            case .coordination: return ServiceRole(kind: .coordination, evidence: named)
            case .reverseProxy: return ServiceRole(kind: .proxy, evidence: named)
            case .adminUI: return ServiceRole(kind: .adminUI, evidence: named)
            case .monitoring: return ServiceRole(kind: .monitoring, evidence: named)
            }
        }
        if let evidence = workerEvidence(of: service) { return ServiceRole(kind: .worker, evidence: evidence) }
        if let port = service.ports.first {
            return ServiceRole(kind: .server, evidence: "it publishes port \(port.target)")
        }
        return ServiceRole(kind: .server, evidence: "long-running: no sign of a job, a worker or a known image")
    }

    /// Why a long-running service looks like a worker: its own command starts one (`celery worker`, `sidekiq`,
    /// `artisan queue:work`, `rq worker`), or, last, its name.
    private func workerEvidence(of service: Service) -> String? {
        let commands = invocations(of: service).flatMap(\.simpleCommands)
        for words in commands {
            let lowered = words.map { $0.lowercased() }
            if let word = lowered.first(where: Self.workerCommandWords.contains) {
                let program = lowered.first.flatMap { $0.split(separator: "/").last.map(String.init) } ?? word
                return program == word ? "its command runs `\(word)`" : "its command runs `\(program) … \(word)`"
            }
        }
        let parts = PathName.words(of: service.name)
        if let part = parts.first(where: Self.workerNames.contains) { return "its name (`\(part)`)" }
        return nil
    }

    /// Command words that start a worker: Celery's `worker` and `beat`, Sidekiq, Laravel's `queue:work` and
    /// Horizon, RQ, Django-Q's `qcluster`, Dramatiq.
    static let workerCommandWords: Set<String> = ["worker", "beat", "sidekiq", "queue:work", "horizon", "rqworker", "qcluster",
                                                  "dramatiq", "celeryd"]
    /// Name parts of services that take work from a queue or a schedule.
    static let workerNames: Set<String> = ["worker", "workers", "consumer", "celery", "sidekiq", "beat", "scheduler", "cron"]
}
