import ComposeAuditCore

/// Groups instructions into stages and resolves global `ARG`s in `FROM`.
enum DockerfileAssembler {
    static func assemble(source: SourceFile, escape: UInt8, directives: [String: String],
                         instructions: [Instruction]) -> Dockerfile {
        var globals: [String: String] = [:]
        var stages: [Stage] = []
        for instruction in instructions {
            if instruction.keyword == "FROM" {
                let words = ShellWords.split(instruction.arguments)
                let image = words.first ?? ""
                let expanded = (try? Interpolation.interpolate(image, in: VariableScope(dotEnv: globals)).value) ?? image
                var name: String?
                if words.count >= 3, words[1].lowercased() == "as" { name = words[2].lowercased() }
                stages.append(Stage(index: stages.count, name: name, baseImage: expanded, from: instruction, instructions: []))
            } else if stages.isEmpty {
                if instruction.keyword == "ARG" {
                    for (name, value) in KeyValueWords.arguments(instruction.arguments) { globals[name] = value ?? "" }
                }
            } else {
                stages[stages.count - 1].instructions.append(instruction)
            }
        }
        return Dockerfile(source: source, escapeCharacter: escape, directives: directives, instructions: instructions,
                          globalArguments: globals, stages: stages)
    }
}

/// `KEY=VALUE` word lists of ENV, ARG and LABEL (and the legacy `ENV KEY value with spaces`).
public enum KeyValueWords {
    public static func pairs(_ arguments: String) -> [(String, String)] {
        let words = ShellWords.split(arguments)
        guard let first = words.first else { return [] }
        if !first.contains("=") {
            let rest = arguments.trimmingSpaces.dropFirst(first.count).trimmingSpaces
            return [(first, ShellWords.split(String(rest)).joined(separator: " "))]
        }
        return words.compactMap { word in
            guard let equals = word.firstIndex(of: "=") else { return nil }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }

    /// `ARG NAME[=default] ...`
    public static func arguments(_ arguments: String) -> [(String, String?)] {
        ShellWords.split(arguments).map { word in
            guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }
}
