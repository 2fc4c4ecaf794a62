/// Small text helpers shared by parsers, rules and reporters.
public enum TextFormatting {
    /// A double-quoted string with `"`, `\`, newline and tab escaped: valid JSON and valid YAML.
    public static func doubleQuoted(_ value: String) -> String {
        var output = "\""
        for character in value {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default: output.append(character)
            }
        }
        return output + "\""
    }

    /// Sizes for people: `512 B`, `12.3 KB`, `4.5 MB` (powers of 1000).
    public static func bytes(_ count: Int) -> String {
        if count < 1000 { return "\(count) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// FNV-1a 64-bit hash as 16 hex digits: stable across runs and platforms (for fingerprints).
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
