/// Splits a shell command line into words the way `sh` would for simple commands:
/// whitespace separates, single and double quotes group, backslash escapes.
public enum ShellWords {
    /// Works on UTF-8 bytes (every character with a meaning here is ASCII; other bytes are copied).
    public static func split(_ line: String, escape: Character = "\\") -> [String] {
        let escapeByte = escape.asciiValue ?? UInt8(ascii: "\\")
        var words: [String] = []
        var current: [UInt8] = []
        var inWord = false
        var quote: UInt8 = 0
        var escaped = false
        for byte in line.utf8 {
            if escaped {
                current.append(byte)
                escaped = false
                continue
            }
            if quote != 0 {
                if byte == quote { quote = 0 } else if byte == escapeByte && quote == UInt8(ascii: "\"") { escaped = true } else {
                    current.append(byte)
                }
                continue
            }
            switch byte {
            case escapeByte: escaped = true; inWord = true
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte; inWord = true
            case 0x20, 0x09, 0x0A, 0x0D:
                if inWord {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                    inWord = false
                }
            default:
                current.append(byte); inWord = true
            }
        }
        if inWord { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
