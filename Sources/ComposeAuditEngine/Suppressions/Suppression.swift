import ComposeAuditCore
import ComposeAuditSyntax

/// `# compose-audit: disable=CA201,CA207 -- reason` (own line: the next entry or instruction with
/// everything nested in it; end of line: that line) and `# compose-audit: disable-file=CA201`.
public struct Suppression: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case file
        /// Lines (1-based, inclusive) the suppression covers.
        case lines(ClosedRange<Int>)
    }

    public var path: String
    public var location: SourceLocation
    public var line: Int
    public var scope: Scope
    /// The ids or names as written.
    public var rules: [String]
    public var reason: String?

    public func covers(_ finding: Finding, ruleIDs: Set<String>) -> Bool {
        guard finding.location.path == path,
              ruleIDs.contains(finding.ruleID) || finding.code.map({ ruleIDs.contains($0.uppercased()) }) == true else { return false }
        switch scope {
        case .file: return true
        case .lines(let range): return range.contains(finding.position.line)
        }
    }
}

/// Finds suppression comments in a file's text.
public enum SuppressionScanner {
    static let marker = "compose-audit:"

    /// `instructions` are a Dockerfile's instruction ranges (an own-line comment covers the next one);
    /// for other files the next entry is the next line and every line indented deeper than it.
    public static func scan(_ source: SourceFile, instructions: [TextRange]? = nil) -> [Suppression] {
        var result: [Suppression] = []
        guard containsMarker(source.bytes) else { return result }
        for line in 0..<source.lineCount {
            let text = source.lineText(line)
            guard let hash = commentStart(text) else { continue }
            let comment = text[text.index(after: hash)...].drop { $0 == " " || $0 == "\t" }
            guard comment.hasPrefix(marker) else { continue }
            var body = comment.dropFirst(marker.count).drop { $0 == " " || $0 == "\t" }
            var reason: String?
            if let dashes = body.firstRange(of: "--") {
                reason = String(body[dashes.upperBound...].trimmingSpaces)
                body = body[..<dashes.lowerBound]
            }
            let isFile = body.hasPrefix("disable-file=")
            guard isFile || body.hasPrefix("disable=") else { continue }
            let list = body.drop { $0 != "=" }.dropFirst()
            let rules = list.split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
            let ownLine = text[..<hash].allSatisfy { $0 == " " || $0 == "\t" }
            let scope: Suppression.Scope
            if isFile {
                scope = .file
            } else if ownLine {
                scope = .lines(nextEntry(after: line, in: source, instructions: instructions))
            } else {
                scope = .lines((line + 1)...(line + 1))
            }
            let start = source.lineStarts[line] + text[..<hash].utf8.count
            let location = SourceLocation(path: source.path, range: TextRange(start: start, end: source.contentRange(ofLine: line).end))
            result.append(Suppression(path: source.path, location: location, line: line + 1, scope: scope, rules: rules, reason: reason))
        }
        return result
    }

    /// A byte scan for `compose-audit:` so files without suppressions cost one pass.
    static func containsMarker(_ bytes: [UInt8]) -> Bool {
        let needle = Array(marker.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= needle.count else { return false }
            var index = 0
            let last = buffer.count - needle.count
            while index <= last {
                if buffer[index] == needle[0] {
                    var offset = 1
                    while offset < needle.count && buffer[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// The index of a `#` that starts a comment: at the line start or after whitespace, outside quotes.
    static func commentStart(_ text: String) -> String.Index? {
        var quote: Character?
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == "\t" || previous == ":" || previous == "[" || previous == "," || previous == "-" { quote = character }
            } else if character == "#", previous == " " || previous == "\t" || index == text.startIndex {
                return index
            }
            previous = character
            index = text.index(after: index)
        }
        return nil
    }

    /// 1-based lines of the entry after a comment line (0-based `line`).
    static func nextEntry(after line: Int, in source: SourceFile, instructions: [TextRange]?) -> ClosedRange<Int> {
        if let instructions {
            // A comment inside an instruction (between continuation lines, in a heredoc body) covers the line below.
            let here = source.lineStarts[line]
            if instructions.contains(where: { $0.start < here && here < $0.end }) { return (line + 2)...(line + 2) }
            let after = source.lineStarts[min(line + 1, source.lineCount - 1)]
            if let next = instructions.first(where: { $0.start >= after }) {
                return (source.lineIndex(containing: next.start) + 1)...(source.lineIndex(containing: next.end) + 1)
            }
            return (line + 2)...(line + 2)
        }
        var first = line + 1
        while first < source.lineCount {
            let text = source.lineText(first).drop { $0 == " " || $0 == "\t" }
            if !text.isEmpty && !text.hasPrefix("#") { break }
            first += 1
        }
        guard first < source.lineCount else { return (line + 2)...(line + 2) }
        let indent = indentation(source.lineText(first))
        let isItem = source.lineText(first).drop { $0 == " " }.hasPrefix("- ")
        var last = first
        var cursor = first + 1
        while cursor < source.lineCount {
            let text = source.lineText(cursor)
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { cursor += 1; continue }
            let deeper = indentation(text) > indent || (isItem && indentation(text) > indent + 1 && !trimmed.hasPrefix("- "))
            guard deeper else { break }
            last = cursor
            cursor += 1
        }
        return (first + 1)...(last + 1)
    }

    static func indentation(_ text: String) -> Int { text.prefix { $0 == " " }.count }
}
