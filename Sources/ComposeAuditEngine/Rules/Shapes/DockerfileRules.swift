import ComposeAuditSyntax

/// A rule that judges each Dockerfile the project builds, once however many services build it.
public protocol DockerfileRule: Rule {
    func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict
}

extension DockerfileRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        for dockerfile in project.uniqueDockerfiles { collector.record(judge(dockerfile, in: project), for: .dockerfile(dockerfile.path)) }
        return collector.outcome
    }
}

/// A rule that judges the stages of each Dockerfile that a service's build needs (its target, the stages it is
/// built from and copies from): a `dev` or `test` stage no service builds is not judged.
public protocol StageRule: Rule {
    func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict
}

extension StageRule {
    public func check(_ project: Project) -> RuleOutcome { stageOutcome(project).outcome }

    func stageOutcome(_ project: Project) -> OutcomeCollector {
        var collector = OutcomeCollector()
        for dockerfile in project.uniqueDockerfiles {
            let built = project.builtStages(of: dockerfile)
            for stage in dockerfile.stages where built.contains(stage.index) {
                collector.record(judge(stage, of: dockerfile, in: project), for: .stage(dockerfile: dockerfile.path, index: stage.index))
            }
        }
        return collector
    }
}

/// A rule that judges the stage each build produces (its `target`, else the last), once per Dockerfile and
/// stage however many services build it; counted per Dockerfile.
public protocol FinalStageRule: Rule {
    func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict
}

extension FinalStageRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        var seen: Set<Subject> = []
        for build in project.builds {
            guard let dockerfile = build.dockerfile, let stage = build.finalStage,
                  seen.insert(.stage(dockerfile: dockerfile.path, index: stage.index)).inserted else { continue }
            collector.record(judge(stage, of: dockerfile, in: project), for: .dockerfile(dockerfile.path))
        }
        return collector.outcome
    }
}

/// A rule that judges single instructions of the stages the project builds: only those whose keyword is in
/// `keywords`, each counted on its own.
public protocol InstructionRule: Rule {
    /// Upper-case keywords of the instructions the rule looks at (`RUN`, `ADD`, ...).
    var keywords: Set<String> { get }
    func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict
}

extension InstructionRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        let keywords = self.keywords
        for dockerfile in project.uniqueDockerfiles {
            let built = project.builtStages(of: dockerfile)
            for stage in dockerfile.stages where built.contains(stage.index) {
                for instruction in stage.instructions where keywords.contains(instruction.keyword) {
                    collector.record(judge(instruction, in: dockerfile, project: project),
                                     for: .instruction(keyword: instruction.keyword, dockerfile: dockerfile.path, offset: instruction.range.start))
                }
            }
        }
        return collector.outcome
    }
}

/// A rule with two shapes: it judges the images services pull and the bases of the stages they build.
extension ServiceRule where Self: StageRule {
    public func check(_ project: Project) -> RuleOutcome { stageOutcome(project).merged(with: serviceOutcome(project).outcome) }
}
