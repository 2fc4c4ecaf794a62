/// The escape hatch: a rule about how the parts of the project fit together (two services publishing one
/// host port, a declared volume nobody mounts), judged once and counted as one subject, the project.
public protocol ProjectRule: Rule {
    func judge(_ project: Project) -> Verdict
}

extension ProjectRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        collector.record(judge(project), for: .project)
        return collector.outcome
    }
}
