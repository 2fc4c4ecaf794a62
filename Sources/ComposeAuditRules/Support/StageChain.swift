import ComposeAuditEngine
import ComposeAuditSyntax

extension Dockerfile {
    /// The instructions that shape a stage's image: those of the stages it is built `FROM`
    /// (when its base is an earlier stage), then its own, oldest first.
    func inheritedInstructions(of stage: Stage) -> [Instruction] {
        var chain: [Stage] = [stage]
        var current = stage
        while let parent = self.stage(named: current.baseImage), parent.index < current.index {
            chain.append(parent)
            current = parent
        }
        return chain.reversed().flatMap(\.instructions)
    }

    /// The external image a stage finally builds on (following `FROM <earlier stage>`).
    func rootImage(of stage: Stage) -> String {
        var current = stage
        while let parent = self.stage(named: current.baseImage), parent.index < current.index { current = parent }
        return current.baseImage
    }

    /// Variables a stage's `ENV` sets (inherited stages included).
    func environmentNames(of stage: Stage) -> Set<String> {
        var names: Set<String> = []
        for instruction in inheritedInstructions(of: stage) where instruction.keyword == "ENV" {
            for (name, _) in KeyValueWords.pairs(instruction.arguments) { names.insert(name) }
        }
        return names
    }
}

extension Project {
    /// Each Dockerfile a service builds, once, in service order.
    var uniqueDockerfiles: [Dockerfile] {
        var seen: Set<String> = []
        return builds.compactMap { build in
            guard let dockerfile = build.dockerfile, seen.insert(dockerfile.path).inserted else { return nil }
            return dockerfile
        }
    }
}
