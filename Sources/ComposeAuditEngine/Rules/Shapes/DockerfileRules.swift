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

/// The image one stage of a Dockerfile produces, with the services that build it (in service order).
public struct BuiltImage: Sendable {
    public var dockerfile: Dockerfile
    public var stage: Stage
    public var services: [Service]
}

/// A rule that judges each image the project builds together with the services that run it (a service's own
/// `user:` can override what its image does); counted once per Dockerfile.
public protocol BuiltImageRule: Rule {
    func judge(_ image: BuiltImage, in project: Project) -> Verdict
}

extension BuiltImageRule {
    public func check(_ project: Project) -> RuleOutcome {
        var collector = OutcomeCollector()
        for image in project.builtImages { collector.record(judge(image, in: project), for: .dockerfile(image.dockerfile.path), isShared: true) }
        return collector.outcome
    }
}

extension Project {
    /// Each stage the project's builds produce, once, with the services that build it.
    public var builtImages: [BuiltImage] {
        var images: [BuiltImage] = []
        var positions: [Subject: Int] = [:]
        for service in services {
            guard let build = build(of: service.name), let dockerfile = build.dockerfile, let stage = build.finalStage else { continue }
            let key = Subject.stage(dockerfile: dockerfile.path, index: stage.index)
            if let position = positions[key] {
                images[position].services.append(service)
            } else {
                positions[key] = images.count
                images.append(BuiltImage(dockerfile: dockerfile, stage: stage, services: [service]))
            }
        }
        return images
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
