import ComposeAuditSyntax

/// A rule that judges one service at a time; the engine walks the services and counts those the rule
/// applies to.
public protocol ServiceRule: Rule {
    /// Whether the rule is counted once for the whole project (a property of how services sit together, such
    /// as their networks) rather than once per service. Default: per service.
    static var countsOncePerProject: Bool { get }
    func judge(_ service: Service, in project: Project) -> Verdict
}

extension ServiceRule {
    public static var countsOncePerProject: Bool { false }

    public func check(_ project: Project) -> RuleOutcome { serviceOutcome(project).outcome }

    func serviceOutcome(_ project: Project) -> OutcomeCollector {
        var collector = OutcomeCollector()
        for service in project.services {
            if Self.countsOncePerProject {
                collector.record(judge(service, in: project), for: .project, isShared: true)
            } else {
                collector.record(judge(service, in: project), for: .service(service.name), service: service.name)
            }
        }
        return collector
    }
}
