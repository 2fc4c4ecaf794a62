import ComposeAuditCore

/// Groups instructions into stages and resolves global `ARG`s in `FROM`.
enum DockerfileAssembler {
    static let expandedKeywords: Set<String> = ["ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER",
                                                "VOLUME", "WORKDIR"]

    static func assemble(source: SourceFile, escape: UInt8, directives: [String: String],
                         instructions: consuming [Instruction]) -> Dockerfile {
        var globals: [String: String] = [:]
        var stages: [Stage] = []
        var expanded = consume instructions  // edited in place: each instruction box stays unshared
        // Variables in scope: global ARG defaults before the first FROM; in a stage, its ARGs (a bare
        // `ARG NAME` takes the global default) and ENVs, each visible from the next instruction on.
        var scope: [String: String] = [:]
        for index in expanded.indices {
            // The keyword and text are read out first, so that the instruction's box is not shared when edited.
            let keyword = expanded[index].keyword
            let arguments = expanded[index].arguments
            if keyword == "FROM" { scope = [:] }  // global ARGs are visible in a stage only when redeclared
            if expandedKeywords.contains(keyword), arguments.utf8.contains(UInt8(ascii: "$")) {
                let visible = keyword == "FROM" ? globals : scope
                expanded[index].expandedArguments = try? Interpolation.interpolate(arguments, in: VariableScope(dotEnv: visible)).value
            }
            switch keyword {
            case "ARG":
                for (name, value) in KeyValueWords.arguments(arguments) {
                    let resolved = value.map { (try? Interpolation.interpolate($0, in: VariableScope(dotEnv: scope)).value) ?? $0 }
                    if stages.isEmpty {
                        globals[name] = resolved ?? ""
                    } else {
                        scope[name] = resolved ?? globals[name]
                    }
                    if stages.isEmpty { scope = globals }
                }
            case "ENV":
                for (name, value) in KeyValueWords.pairs(arguments) {
                    scope[name] = (try? Interpolation.interpolate(value, in: VariableScope(dotEnv: scope)).value) ?? value
                }
            default: break
            }
            if keyword == "FROM" { stages.append(Self.stage(from: expanded[index], index: stages.count, globals: globals)) }
            else if !stages.isEmpty { stages[stages.count - 1].instructions.append(expanded[index]) }
        }
        return Dockerfile(source: source, escapeCharacter: escape, directives: directives, instructions: expanded,
                          globalArguments: globals, stages: stages)
    }

    private static func stage(from instruction: Instruction, index: Int, globals: [String: String]) -> Stage {
        let words = ShellWords.split(instruction.arguments)
        let image = words.first ?? ""
        let expanded = (try? Interpolation.interpolate(image, in: VariableScope(dotEnv: globals)).value) ?? image
        var name: String?
        if words.count >= 3, words[1].lowercased() == "as" { name = words[2].lowercased() }
        return Stage(index: index, name: name, baseImage: expanded, from: instruction, instructions: [])
    }
}

/// `KEY=VALUE` word lists of ENV, ARG and LABEL (and the legacy `ENV KEY value with spaces`).
public enum KeyValueWords {
    public static func pairs(_ arguments: String) -> [(String, String)] {
        let words = ShellWords.split(arguments)
        guard let first = words.first else { return [] }
        if !first.utf8.contains(UInt8(ascii: "=")) {
            let rest = arguments.trimmingSpaces.dropFirst(first.count).trimmingSpaces
            return [(first, ShellWords.split(String(rest)).joined(separator: " "))]
        }
        return words.compactMap { word in
            guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }

    /// `ARG NAME[=default] ...`
    public static func arguments(_ arguments: String) -> [(String, String?)] {
        ShellWords.split(arguments).map { word in
            guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return (word, nil) }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }
}
