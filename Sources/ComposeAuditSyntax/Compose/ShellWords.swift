/// Splits a shell command line into words the way `sh` would for simple commands:
/// whitespace separates, single and double quotes group, backslash escapes.
public enum ShellWords {
    public static func split(_ line: String, escape: Character = "\\") -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else if character == escape && open == "\"" { escaped = true } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case escape: escaped = true; inWord = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
            default:
                current.append(character); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
