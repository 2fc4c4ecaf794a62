/// Pipes in a shell script, read from its text (a `|` inside quotes is not one; `||` is not one; nor is one inside a
/// command substitution, `$(a | b)` or backquotes, whose status the script does not see).
enum ShellPipes {
    /// The program of the first command of each pipeline that has a pipe (`curl` for `curl ... | tar`).
    static func pipelineHeads(_ script: String) -> [String] {
        var heads: [String] = []
        var commandStart = true
        var firstWord: [UInt8] = []
        var currentFirst = ""
        var quote: UInt8 = 0
        var escaped = false
        var inPipeline = false
        var substitutionDepth = 0
        var inBackquotes = false
        let bytes = Array(script.utf8)
        var index = 0
        func endWord() {
            if !firstWord.isEmpty {
                let word = String(decoding: firstWord, as: UTF8.self)
                if commandStart, !word.contains("=") || word.hasPrefix("-") { currentFirst = ShellCommand.basename(word); commandStart = false }
                firstWord.removeAll()
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            if escaped { escaped = false; continue }
            if quote != 0 {
                if byte == quote { quote = 0 } else if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { escaped = true }
                if commandStart { firstWord.append(byte) }
                continue
            }
            if byte == UInt8(ascii: "`") {
                inBackquotes.toggle()
                continue
            }
            if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "(") {
                substitutionDepth += 1
                index += 1
                continue
            }
            if substitutionDepth > 0 || inBackquotes {
                switch byte {
                case UInt8(ascii: "\\"): escaped = true
                case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
                case UInt8(ascii: "("): substitutionDepth += substitutionDepth > 0 ? 1 : 0
                case UInt8(ascii: ")"): substitutionDepth -= substitutionDepth > 0 ? 1 : 0
                default: break
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "|"):
                endWord()
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "|") { index += 1; inPipeline = false; commandStart = true; continue }
                if !inPipeline { heads.append(currentFirst) }
                inPipeline = true
                commandStart = true
                continue
            case UInt8(ascii: "&"), UInt8(ascii: ";"), 0x0A:
                endWord()
                inPipeline = false
                commandStart = true
                continue
            case 0x20, 0x09, 0x0D:
                endWord()
                continue
            default: break
            }
            if commandStart { firstWord.append(byte) }
        }
        return heads
    }
}
