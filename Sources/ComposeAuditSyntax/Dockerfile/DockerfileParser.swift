import ComposeAuditCore

/// BuildKit's Dockerfile grammar: parser directives at the top, escape-character continuations
/// (comment and empty lines inside them dropped), heredocs, JSON versus shell form, flags, stages.
public enum DockerfileParser {
    /// BuildKit refuses physical lines longer than this.
    public static let maximumLineLength = 65_535

    static let flagKeywords: Set<String> = ["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]
    static let execFormKeywords: Set<String> = ["CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME"]
    static let heredocKeywords: Set<String> = ["RUN", "COPY", "ADD"]

    public static func parse(_ source: SourceFile) throws(InputError) -> Dockerfile {
        var reader = DockerfileReader(source: source)
        try reader.readDirectives()
        let instructions = try reader.readInstructions()
        guard !instructions.isEmpty else {
            throw InputError(path: source.path, position: LineColumn(line: 1, column: 1), reason: "file with no instructions")
        }
        return DockerfileAssembler.assemble(source: source, escape: reader.escape, directives: reader.directives,
                                            instructions: instructions)
    }
}

struct DockerfileReader {
    let source: SourceFile
    var escape = UInt8(ascii: "\\")
    var directives: [String: String] = [:]
    var line = 0

    init(source: SourceFile) { self.source = source }

    private var bytes: [UInt8] { source.bytes }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C }

    /// The line's content range, with the BOM skipped on the first line.
    private func content(_ index: Int) -> TextRange {
        var range = source.contentRange(ofLine: index)
        if index == 0 { range.start = min(range.end, source.byteOrderMarkLength) }
        return range
    }

    private func trimmed(_ range: TextRange) -> TextRange {
        var start = range.start
        var end = range.end
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return TextRange(start: start, end: end)
    }

    private func text(_ range: TextRange) -> String { source.text(in: range) }

    mutating func readDirectives() throws(InputError) {
        while line < source.lineCount {
            let range = trimmed(content(line))
            guard range.length > 1, bytes[range.start] == UInt8(ascii: "#") else { return }
            let body = text(TextRange(start: range.start + 1, end: range.end))
            guard let equals = body.firstIndex(of: "=") else { return }
            let name = body[..<equals].trimmingSpaces.lowercased()
            let value = String(body[body.index(after: equals)...].trimmingSpaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return }
            if directives[name] != nil {
                throw InputError(file: source, offset: range.start, reason: "only one \(name) parser directive can be used")
            }
            directives[name] = value
            if name == "escape" {
                guard value == "\\" || value == "`" else {
                    throw InputError(file: source, offset: range.start, reason: "invalid escape token `\(value)`: use \\ or `")
                }
                escape = UInt8(ascii: value == "`" ? "`" : "\\")
            }
            line += 1
        }
    }

    mutating func readInstructions() throws(InputError) -> [Instruction] {
        var result: [Instruction] = []
        while line < source.lineCount {
            let range = content(line)
            if range.length > DockerfileParser.maximumLineLength {
                throw InputError(file: source, offset: range.start,
                                 reason: "dockerfile line greater than max allowed size of \(DockerfileParser.maximumLineLength)")
            }
            let body = trimmed(range)
            if body.isEmpty || bytes[body.start] == UInt8(ascii: "#") {
                line += 1
                continue
            }
            result.append(try readInstruction(startingAt: body.start))
        }
        return result
    }

    /// Whether a line ends with the escape character (a continuation); returns the range before it.
    private func continuation(_ range: TextRange) -> TextRange? {
        var end = range.end
        while end > range.start && isSpace(bytes[end - 1]) { end -= 1 }
        guard end > range.start, bytes[end - 1] == escape else { return nil }
        return TextRange(start: range.start, end: end - 1)
    }

    private mutating func readInstruction(startingAt start: Int) throws(InputError) -> Instruction {
        var keywordEnd = start
        while keywordEnd < bytes.count && !isSpace(bytes[keywordEnd]) && bytes[keywordEnd] != 0x0A { keywordEnd += 1 }
        let keyword = text(TextRange(start: start, end: keywordEnd)).uppercased()
        // Where each piece of the joined text starts in the file, for ranges of flags and arguments.
        var pieces: LogicalTextMap
        var argumentsText: String
        var logicalCount: Int
        var end = keywordEnd
        var segment = TextRange(start: keywordEnd, end: content(line).end)
        if continuation(segment) == nil {
            // One line, the common case: the text is read in place.
            pieces = LogicalTextMap(offset: segment.start)
            argumentsText = String(decoding: bytes[segment.start..<segment.end], as: UTF8.self)
            logicalCount = segment.length
            end = segment.end
            line += 1
        } else {
            var logical: [UInt8] = []
            pieces = LogicalTextMap()
            while true {
                if let before = continuation(segment) {
                    pieces.add(logical: logical.count, source: before.start)
                    logical.append(contentsOf: bytes[before.start..<before.end])
                    end = segment.end
                    line += 1
                    // Comment and empty lines inside a continuation are dropped.
                    while line < source.lineCount {
                        let next = trimmed(content(line))
                        if next.isEmpty || bytes[next.start] == UInt8(ascii: "#") { line += 1 } else { break }
                    }
                    guard line < source.lineCount else { break }
                    segment = content(line)
                    if segment.length > DockerfileParser.maximumLineLength {
                        throw InputError(file: source, offset: segment.start,
                                         reason: "dockerfile line greater than max allowed size of \(DockerfileParser.maximumLineLength)")
                    }
                } else {
                    pieces.add(logical: logical.count, source: segment.start)
                    logical.append(contentsOf: bytes[segment.start..<segment.end])
                    end = segment.end
                    line += 1
                    break
                }
            }
            argumentsText = String(decoding: logical, as: UTF8.self)
            logicalCount = logical.count
        }
        var argumentsStart = keywordEnd
        while argumentsStart < end && isSpace(bytes[argumentsStart]) { argumentsStart += 1 }
        var flags: [InstructionFlag] = []
        // Cheap byte tests before the keyword lookups: most instructions have no flags, heredocs or JSON.
        if argumentsText.startsWithBytePair(UInt8(ascii: "-"), UInt8(ascii: "-")), DockerfileParser.flagKeywords.contains(keyword) {
            (flags, argumentsText) = Self.splitFlags(argumentsText, baseOffset: 0)
            for index in flags.indices { flags[index].range = pieces.sourceRange(flags[index].range) }
        }
        let leadingBlanks = argumentsText.utf8.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.count
        let argumentsLogicalStart = logicalCount - argumentsText.utf8.count + leadingBlanks
        argumentsText = String(argumentsText.trimmingSpaces)
        var heredocs: [Heredoc] = []
        if argumentsText.containsBytePair(UInt8(ascii: "<"), UInt8(ascii: "<")), DockerfileParser.heredocKeywords.contains(keyword) {
            for (delimiter, stripTabs) in Self.heredocDelimiters(in: argumentsText) {
                heredocs.append(try readHeredoc(delimiter: delimiter, stripTabs: stripTabs, openedAt: start))
                end = max(end, heredocs.last?.range.end ?? end)
            }
        }
        var execForm: [String]?
        if keyword == "HEALTHCHECK" || (argumentsText.utf8.first == UInt8(ascii: "[") && DockerfileParser.execFormKeywords.contains(keyword)) {
            var candidate = Substring(argumentsText)
            if keyword == "HEALTHCHECK", candidate.uppercased().hasPrefix("CMD") {
                candidate = candidate.dropFirst(3).trimmingSpaces
            }
            if candidate.hasPrefix("[") { execForm = JSONStringArray.parse(String(candidate)) }
        }
        return Instruction(keyword: keyword, range: TextRange(start: start, end: end),
                           keywordRange: TextRange(start: start, end: keywordEnd), flags: flags,
                           arguments: argumentsText, argumentsRange: TextRange(start: argumentsStart, end: end),
                           execForm: execForm, heredocs: heredocs,
                           escape: Character(Unicode.Scalar(escape)),
                           argumentMap: pieces.shifted(by: argumentsLogicalStart))
    }

    /// The body is the raw text up to the delimiter line, line endings included, as BuildKit's parser keeps it
    /// (`<<-` tabs are stripped only when the build runs it).
    private mutating func readHeredoc(delimiter: String, stripTabs: Bool, openedAt: Int) throws(InputError) -> Heredoc {
        let bodyStart = line < source.lineCount ? source.lineStarts[line] : bytes.count
        let expected = Array(delimiter.utf8)
        while line < source.lineCount {
            // Compared as bytes, as BuildKit compares them.
            let range = content(line)
            var start = range.start
            var end = range.end
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if stripTabs { while start < end, bytes[start] == 0x09 { start += 1 } }
            line += 1
            if bytes[start..<end].elementsEqual(expected) {
                let body = String(decoding: bytes[bodyStart..<source.lineStarts[line - 1]], as: UTF8.self)
                return Heredoc(delimiter: delimiter, body: body, range: TextRange(start: bodyStart, end: range.end),
                               stripsLeadingTabs: stripTabs)
            }
        }
        throw InputError(file: source, offset: openedAt, reason: "unterminated heredoc `<<\(delimiter)`")
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in the order they appear. Names are letters, digits and `_`
    /// (a non-ASCII byte counts as a letter: names are compared as written).
    static func heredocDelimiters(in arguments: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        guard arguments.containsBytePair(UInt8(ascii: "<"), UInt8(ascii: "<")) else { return result }
        let bytes = Array(arguments.utf8)
        let less = UInt8(ascii: "<")
        func isNameByte(_ byte: UInt8) -> Bool { byte >= 0x80 || Interpolation.isNameByte(byte) }
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == less, bytes[index + 1] == less, index == 0 || bytes[index - 1] != less else {
                index += 1
                continue
            }
            var cursor = index + 2
            var stripTabs = false
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { stripTabs = true; cursor += 1 }
            var quote: UInt8?
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                quote = bytes[cursor]
                cursor += 1
            }
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            if cursor > nameStart, quote == nil || (cursor < bytes.count && bytes[cursor] == quote) {
                result.append((String(decoding: bytes[nameStart..<cursor], as: UTF8.self), stripTabs))
            }
            index = cursor + 1
        }
        return result
    }

    /// Leading `--name[=value]` words (read as BuildKit does) and the text after them.
    static func splitFlags(_ text: String, baseOffset: Int) -> ([InstructionFlag], String) {
        guard text.startsWithBytePair(UInt8(ascii: "-"), UInt8(ascii: "-")) else { return ([], text) }
        let (words, restOffset) = BuildKitWords.leadingFlags(text)
        let flags = words.map { word, range in
            let body = word.dropFirst(2)
            let equals = body.utf8.firstIndex(of: UInt8(ascii: "="))
            return InstructionFlag(name: String(body[..<(equals ?? body.endIndex)]).lowercased(),
                                   value: equals.map { String(body[body.index(after: $0)...]) },
                                   range: TextRange(start: baseOffset + range.lowerBound, end: baseOffset + range.upperBound),
                                   word: word)
        }
        let utf8 = text.utf8
        return (flags, String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: restOffset)...], as: UTF8.self))
    }
}

/// The joined text of an instruction (continuations removed) mapped back to file offsets.
struct LogicalTextMap: Sendable, Hashable {
    private struct Piece: Sendable, Hashable {
        var logical: Int
        var source: Int
    }

    private var pieces: [Piece] = []
    /// The file offset of the joined text's start when it is one piece (no list is kept then).
    private var offset = 0

    init() {}

    init(offset: Int) { self.offset = offset }

    mutating func add(logical: Int, source: Int) { pieces.append(Piece(logical: logical, source: source)) }

    /// The same map for a text that starts `count` bytes into this one.
    func shifted(by count: Int) -> LogicalTextMap {
        var result = self
        result.offset += count
        for index in result.pieces.indices { result.pieces[index].logical -= count }
        return result
    }

    /// The file range of a range in the joined text (a range that spans a continuation keeps both ends).
    func sourceRange(_ range: TextRange) -> TextRange {
        TextRange(start: sourceOffset(range.start), end: range.end > range.start ? sourceOffset(range.end - 1) + 1 : sourceOffset(range.start))
    }

    /// Binary search: an instruction may have 100,000 continuation lines.
    private func sourceOffset(_ logical: Int) -> Int {
        guard !pieces.isEmpty else { return offset + logical }
        var low = 0
        var high = pieces.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].logical <= logical { low = middle } else { high = middle - 1 }
        }
        return pieces[low].source + (logical - pieces[low].logical)
    }
}

/// Where each argument of an instruction is: JSON strings (quotes included) in exec form, else the words
/// between spaces and tabs. Offsets are UTF-8 offsets into the arguments text.
enum ArgumentWords {
    static func ranges(in text: String, jsonStrings: Bool) -> [TextRange] {
        if let result = text.utf8.withContiguousStorageIfAvailable({ ranges(in: $0, jsonStrings: jsonStrings) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { ranges(in: $0, jsonStrings: jsonStrings) }
    }

    private static func ranges(in bytes: UnsafeBufferPointer<UInt8>, jsonStrings: Bool) -> [TextRange] {
        var result: [TextRange] = []
        var index = 0
        if jsonStrings {
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "\"") else { index += 1; continue }
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                index = min(index + 1, bytes.count)
                result.append(TextRange(start: start, end: index))
            }
            return result
        }
        while index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            let start = index
            while index < bytes.count, bytes[index] != 0x20 && bytes[index] != 0x09 { index += 1 }
            if index > start { result.append(TextRange(start: start, end: index)) }
        }
        return result
    }
}
