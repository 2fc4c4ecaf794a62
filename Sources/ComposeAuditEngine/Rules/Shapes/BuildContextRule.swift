/// A rule that judges each local build context once, with the services and Dockerfiles that use it.
public protocol BuildContextRule: Rule {
    func judge(_ use: ContextUse, in project: Project) -> Verdict
}

extension BuildContextRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        for use in project.contextUses() { collector.record(judge(use, in: project), for: .context(use.path)) }
        return collector.outcome
    }
}
