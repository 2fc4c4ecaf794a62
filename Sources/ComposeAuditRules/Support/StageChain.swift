import ComposeAuditCore
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

    /// The stage an instruction belongs to (nil for the global `ARG`s before the first `FROM`).
    func stage(containing instruction: Instruction) -> Stage? {
        stages.last { $0.from.range.start <= instruction.range.start }
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

/// Words of an instruction's source text with their byte ranges (for edits inside a RUN line).
struct SourceWords {
    var words: [(text: String, range: TextRange)]

    init(_ dockerfile: Dockerfile, _ instruction: Instruction) {
        let bytes = dockerfile.source.bytes
        var result: [(String, TextRange)] = []
        var index = instruction.argumentsRange.start
        let end = instruction.range.end
        while index < end {
            while index < end && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            let start = index
            while index < end && ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            if index > start { result.append((String(decoding: bytes[start..<index], as: UTF8.self), TextRange(start: start, end: index))) }
        }
        words = result
    }

    /// The words of the command that `words[index]` starts, after the program, up to the next `&&`, `||`, `;` or `|`.
    func arguments(ofCommandAt index: Int) -> ArraySlice<(text: String, range: TextRange)> {
        words[(index + 1)...].prefix { !["&&", "||", ";", "|"].contains($0.text) && !$0.text.hasSuffix(";") }
    }

    /// Ranges of `install` right after a pip program (`pip`, `pip3`, `python -m pip`).
    var pipInstalls: [(program: Int, install: TextRange)] {
        var result: [(Int, TextRange)] = []
        for index in words.indices.dropLast() where words[index + 1].text == "install" {
            let name = ShellCommand.basename(words[index].text)
            if name.hasPrefix("pip"), !name.hasPrefix("pipx"), !name.hasPrefix("pipenv") { result.append((index, words[index + 1].range)) }
        }
        return result
    }
}

extension Project {
    /// The stages whose layers are in an image a service runs: each build's final stage and the stages it is built
    /// `FROM`. A stage only copied from (`COPY --from=builder`) is built but its layers stay behind, so what it leaves
    /// on disk (package lists, download caches) costs nothing in the image.
    func imageStages(of dockerfile: Dockerfile) -> Set<Int> {
        memo.value("imageStages:" + dockerfile.path) {
            var stages: Set<Int> = []
            for build in builds where build.dockerfile?.path == dockerfile.path {
                guard var current = build.finalStage else { continue }
                stages.insert(current.index)
                while let parent = dockerfile.stage(named: current.baseImage), parent.index < current.index {
                    stages.insert(parent.index)
                    current = parent
                }
            }
            return stages
        }
    }

    /// Whether the instruction's layer is in an image a service runs (see `imageStages`).
    func layerReachesImage(_ instruction: Instruction, in dockerfile: Dockerfile) -> Bool {
        guard let stage = dockerfile.stage(containing: instruction) else { return true }
        return imageStages(of: dockerfile).contains(stage.index)
    }
}
