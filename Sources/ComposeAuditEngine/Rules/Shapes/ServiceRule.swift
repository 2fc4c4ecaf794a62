import ComposeAuditSyntax

/// A rule that judges one service at a time; the engine walks the services and counts those the rule
/// applies to.
public protocol ServiceRule: Rule {
    func judge(_ service: Service, in project: Project) -> Verdict
}

extension ServiceRule {
    public func check(_ project: Project) -> RuleOutcome { serviceOutcome(project).outcome }

    func serviceOutcome(_ project: Project) -> OutcomeCollector {
        var collector = OutcomeCollector()
        for service in project.services { collector.record(judge(service, in: project), for: .service(service.name)) }
        return collector
    }
}
