import ComposeAuditCore

/// One variable of a `.env` file with the position of its name.
public struct DotEnvEntry: Sendable, Equatable {
    public var name: String
    /// nil for a bare `NAME` line (taken from the environment if set there).
    public var value: String?
    public var location: SourceLocation
}

/// A `.env` / `env_file` parsed with compose's dotenv rules: `export`, `#` comments (inline only
/// after whitespace), single quotes literal, double quotes with escapes and multi-line values,
/// `${VAR}` expanded in unquoted and double-quoted values, `KEY: value` accepted.
public struct DotEnvFile: Sendable {
    public var source: SourceFile
    public var entries: [DotEnvEntry]

    public var values: [String: String] {
        var result: [String: String] = [:]
        for entry in entries { if let value = entry.value { result[entry.name] = value } }
        return result
    }

    public static func parse(_ source: SourceFile, environment: [String: String] = [:]) throws(InputError) -> DotEnvFile {
        var reader = DotEnvReader(source: source, environment: environment)
        return DotEnvFile(source: source, entries: try reader.read())
    }

    /// `env_file: {format: raw}`: `NAME=VALUE` lines taken literally (no quotes, escapes or interpolation);
    /// empty lines and `#` lines skipped.
    public static func parseRaw(_ source: SourceFile) -> DotEnvFile {
        var entries: [DotEnvEntry] = []
        for line in 0..<source.lineCount {
            var range = source.contentRange(ofLine: line)
            if line == 0 { range.start = min(range.end, source.byteOrderMarkLength) }
            if range.end > range.start, source.bytes[range.end - 1] == 0x0D { range.end -= 1 }
            let text = source.text(in: range)
            let trimmed = text.trimmingSpaces
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let location = SourceLocation(path: source.path, range: range)
            if let equals = text.firstIndex(of: "=") {
                entries.append(DotEnvEntry(name: String(text[..<equals].trimmingSpaces),
                                           value: String(text[text.index(after: equals)...]), location: location))
            } else {
                entries.append(DotEnvEntry(name: String(trimmed), value: nil, location: location))
            }
        }
        return DotEnvFile(source: source, entries: entries)
    }
}

struct DotEnvReader {
    let source: SourceFile
    let environment: [String: String]
    var index: Int
    var entries: [DotEnvEntry] = []
    var defined: [String: String] = [:]

    init(source: SourceFile, environment: [String: String]) {
        self.source = source
        self.environment = environment
        self.index = source.byteOrderMarkLength
    }

    var bytes: [UInt8] { source.bytes }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    mutating func read() throws(InputError) -> [DotEnvEntry] {
        while index < bytes.count {
            skipBlank()
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "\n") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "#") { skipLine(); continue }
            try readEntry()
        }
        return entries
    }

    private mutating func skipBlank() { while index < bytes.count && isSpace(bytes[index]) { index += 1 } }

    private mutating func skipLine() {
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    private mutating func readEntry() throws(InputError) {
        if matchesExport() { index += 7; skipBlank() }
        let nameStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "\n") || isSpace(byte) { break }
            let allowed = Interpolation.isNameByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            guard allowed else {
                throw InputError(file: source, offset: index,
                                 reason: "unexpected character `\(String(decoding: [byte], as: UTF8.self))` in variable name")
            }
            index += 1
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        let location = SourceLocation(path: source.path, range: TextRange(start: nameStart, end: index))
        skipBlank()
        if index >= bytes.count || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "#") {
            skipLine()
            entries.append(DotEnvEntry(name: name, value: environment[name], location: location))
            return
        }
        guard bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: ":") else {
            throw InputError(file: source, offset: nameStart, reason: "key cannot contain a space")
        }
        index += 1
        skipBlank()
        let value = try readValue()
        defined[name] = value
        entries.append(DotEnvEntry(name: name, value: value, location: location))
    }

    private func matchesExport() -> Bool {
        let word = Array("export".utf8)
        guard index + 7 <= bytes.count, Array(bytes[index..<index + 6]) == word else { return false }
        return isSpace(bytes[index + 6])
    }

    private mutating func readValue() throws(InputError) -> String {
        guard index < bytes.count else { return "" }
        let quote = bytes[index]
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            let open = index
            index += 1
            var raw: [UInt8] = []
            while index < bytes.count && bytes[index] != quote {
                if quote == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    raw.append(bytes[index])
                    index += 1
                }
                raw.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else {
                throw InputError(file: source, offset: open, reason: "unterminated quoted value")
            }
            index += 1
            skipLine()
            let text = String(decoding: raw.filter { $0 != 0x0D }, as: UTF8.self)
            return quote == UInt8(ascii: "'") ? text : expand(unescape(text), escapedDollars: true)
        }
        let start = index
        skipLine()
        var end = index
        var cursor = start
        while cursor < end {
            if bytes[cursor] == UInt8(ascii: "#"), cursor > start, isSpace(bytes[cursor - 1]) { end = cursor; break }
            cursor += 1
        }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return expand(String(decoding: bytes[start..<end], as: UTF8.self), escapedDollars: false)
    }

    private func unescape(_ text: String) -> String {
        var output = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\", let next = iterator.next() else { output.append(character); continue }
            switch next {
            case "n": output.append("\n")
            case "t": output.append("\t")
            case "r": output.append("\r")
            case "\"": output.append("\"")
            case "\\": output.append("\\")
            case "$": output.append("\u{0}")
            default: output.append("\\"); output.append(next)
            }
        }
        return output
    }

    /// Expands `${VAR}` with earlier entries, then the environment; `\u{0}` marks an escaped `$`.
    private func expand(_ text: String, escapedDollars: Bool) -> String {
        guard text.contains("$") else { return text.replacingNULWithDollar() }
        let scope = VariableScope(environment: environment, dotEnv: defined)
        let expanded = (try? Interpolation.interpolate(text, in: scope).value) ?? text
        return expanded.replacingNULWithDollar()
    }
}

extension String {
    fileprivate func replacingNULWithDollar() -> String {
        guard contains("\u{0}") else { return self }
        return String(map { $0 == "\u{0}" ? "$" : $0 })
    }
}
