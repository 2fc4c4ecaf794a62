import ComposeAuditSyntax

/// A rule that judges each compose file of the project on its own (its text and keys, before merging).
public protocol ComposeFileRule: Rule {
    func judge(_ file: YAMLTree, in project: Project) -> Verdict
}

extension ComposeFileRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        for file in project.composeFiles { collector.record(judge(file, in: project), for: .composeFile(file.source.path)) }
        return collector.outcome
    }
}
