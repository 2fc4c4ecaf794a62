/// BuildKit's word-level reading of an instruction (its frontend's `line_parsers`): leading `--flags`,
/// then the values each instruction's parser produces. Kept separate from the shell-level view
/// (`Instruction.words`) because BuildKit keeps quotes in ENV/LABEL/ARG values and splits FROM and
/// COPY on bare whitespace.
public enum BuildKitWords {
    /// The leading `--name[=value]` words (quotes removed, backslash escapes applied) and the byte
    /// offset where the rest of `text` starts; `--` alone ends the flags and is dropped.
    public static func leadingFlags(_ text: String) -> (flags: [(word: String, range: Range<Int>)], restOffset: Int) {
        var text = text
        return text.withUTF8 { leadingFlags(bytes: $0) }
    }

    private static func leadingFlags(bytes: UnsafeBufferPointer<UInt8>) -> (flags: [(word: String, range: Range<Int>)], restOffset: Int) {
        var flags: [(word: String, range: Range<Int>)] = []
        var position = 0
        while true {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] == UInt8(ascii: "-") else {
                return (flags, position)
            }
            let start = position
            var word: [UInt8] = []
            var quote: UInt8 = 0
            while position < bytes.count {
                let byte = bytes[position]
                if quote != 0 {
                    if byte == quote { quote = 0 } else if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                        position += 1
                        word.append(bytes[position])
                    } else if byte != UInt8(ascii: "\\") {
                        word.append(byte)
                    }
                    position += 1
                    continue
                }
                if isSpace(byte) { break }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                } else if byte == UInt8(ascii: "\\") {
                    if position + 1 < bytes.count {
                        position += 1
                        word.append(bytes[position])
                    }
                } else {
                    word.append(byte)
                }
                position += 1
            }
            if word.count == 2 && word[0] == UInt8(ascii: "-") && word[1] == UInt8(ascii: "-") { return (flags, position) }
            flags.append((String(decoding: word, as: UTF8.self), start..<position))
        }
    }

    /// Words split on whitespace outside quotes; quotes and escape characters stay in the words
    /// (BuildKit's `parseWords`, used by ENV, LABEL and ARG).
    public static func quotedWords(_ text: String, escape: Character) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var blankOK = false
        var quote: Character?
        var iterator = Array(text)[...]
        while let character = iterator.popFirst() {
            if let open = quote {
                if character == open { quote = nil }
                if character == escape, open != "'" {
                    guard let next = iterator.popFirst() else { quote = nil; continue }
                    word.append(character)
                    word.append(next)
                    continue
                }
                word.append(character)
                continue
            }
            if character.isWhitespace {
                if inWord, blankOK || !word.isEmpty { words.append(word) }
                word = ""
                inWord = false
                blankOK = false
                continue
            }
            inWord = true
            if character == "'" || character == "\"" {
                quote = character
                blankOK = true
            }
            if character == escape {
                guard let next = iterator.popFirst() else { continue }
                word.append(character)
                word.append(next)
                continue
            }
            word.append(character)
        }
        if inWord, blankOK || !word.isEmpty { words.append(word) }
        return words
    }

    /// Split on runs of spaces and tabs only (BuildKit's `parseStringsWhitespaceDelimited`).
    public static func whitespaceDelimited(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }).map(String.init)
    }

    /// The values BuildKit's parser gives an instruction's arguments (flags already removed), and whether
    /// they came from a JSON array.
    public static func values(keyword: String, arguments: String, escape: Character) -> (values: [String], isJSON: Bool) {
        let rest = String(arguments.trimmingSpaces)
        switch keyword {
        case "ADD", "COPY", "VOLUME":
            if rest.hasPrefix("["), let list = JSONStringArray.parse(rest) { return (list, true) }
            return (whitespaceDelimited(rest), false)
        case "FROM", "EXPOSE":
            return (whitespaceDelimited(rest), false)
        case "ARG":
            return (quotedWords(rest, escape: escape), false)
        case "ENV", "LABEL":
            let words = quotedWords(rest, escape: escape)
            guard let first = words.first else { return ([], false) }
            if !first.contains("=") {
                let parts = rest.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                return (parts.count == 2 ? [parts[0], String(parts[1].drop { $0 == " " || $0 == "\t" })] : parts, false)
            }
            return (words.flatMap { word -> [String] in
                guard let equals = word.firstIndex(of: "=") else { return [word] }
                return [String(word[..<equals]), String(word[word.index(after: equals)...])]
            }, false)
        case "MAINTAINER", "STOPSIGNAL", "USER", "WORKDIR":
            return (rest.isEmpty ? [] : [rest], false)
        case "CMD", "ENTRYPOINT", "RUN", "SHELL":
            return maybeJSON(rest)
        case "HEALTHCHECK":
            guard let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (rest.isEmpty ? [] : [rest], false) }
            let command = maybeJSON(String(rest[end...].drop { $0 == " " || $0 == "\t" }))
            return ([String(rest[..<end])] + command.values, command.isJSON)
        default:
            // Unknown keywords (refused later, by the build) and ONBUILD nested in ONBUILD: one empty value.
            return ([""], false)
        }
    }

    static func maybeJSON(_ rest: String) -> (values: [String], isJSON: Bool) {
        if rest.isEmpty { return ([], false) }
        if rest.hasPrefix("["), let list = JSONStringArray.parse(rest) { return (list, true) }
        return ([rest], false)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C }
}
