import ComposeAuditSyntax

/// One part of a service a rule judges (a bind mount, an `env_file`, a `depends_on` entry), with the subject
/// it is counted as.
public struct PartVerdict: Sendable {
    public var subject: Subject
    public var verdict: Verdict
    /// Whether other services' parts can be this same thing (the `CMD` of a Dockerfile several services build,
    /// an `.env` entry several use): it is then counted once and each of its violations reported once.
    public var isShared: Bool

    public init(_ subject: Subject, _ verdict: Verdict, isShared: Bool = false) {
        self.subject = subject
        self.verdict = verdict
        self.isShared = isShared
    }
}

/// A rule that judges parts of each service, each counted on its own: the engine walks the services, the
/// rule names the parts of one service it looks at and judges each.
public protocol ServicePartRule: Rule {
    func judgeParts(of service: Service, in project: Project) -> [PartVerdict]
}

extension ServicePartRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        for service in project.services {
            for part in judgeParts(of: service, in: project) { collector.record(part.verdict, for: part.subject, isShared: part.isShared, service: service.name) }
        }
        return collector.outcome
    }
}
