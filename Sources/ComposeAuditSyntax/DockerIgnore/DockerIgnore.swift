import ComposeAuditCore

/// One `.dockerignore` line after moby's normalization.
public struct IgnorePattern: Sendable, Hashable {
    public var pattern: String
    public var isException: Bool
    /// The line the pattern was read from (byte range of the line's text).
    public var range: TextRange
    let segments: [String]

    /// Whether the pattern matches `path` (slash-separated, relative to the context) or one of its parents.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        for count in stride(from: parts.count, through: 1, by: -1) where GlobMatch.matchSegments(segments[...], parts[..<count]) {
            return true
        }
        return false
    }
}

/// A parsed `.dockerignore`: the patterns in order; the last matching pattern decides.
public struct DockerIgnore: Sendable {
    public var source: SourceFile
    public var patterns: [IgnorePattern]

    public static func parse(_ source: SourceFile) throws(InputError) -> DockerIgnore {
        var patterns: [IgnorePattern] = []
        for line in 0..<source.lineCount {
            var range = source.contentRange(ofLine: line)
            if line == 0 { range.start = min(range.end, source.byteOrderMarkLength) }
            if range.length > 65_536 {
                throw InputError(file: source, offset: range.start, reason: "line too long for Docker's .dockerignore reader")
            }
            var text = source.text(in: range)
            if text.hasPrefix("#") { continue }
            text = String(text.trimmingSpaces)
            guard !text.isEmpty else { continue }
            var isException = false
            if text.hasPrefix("!") {
                isException = true
                text = String(text.dropFirst().trimmingSpaces)
                if text.isEmpty {
                    throw InputError(file: source, offset: range.start, reason: "illegal exclusion pattern: \"!\"")
                }
            }
            var cleaned = PathName.normalize(text.replacingBackslashesOnWindowsOnly())
            if cleaned.count > 1 && cleaned.hasPrefix("/") { cleaned.removeFirst() }
            guard GlobMatch.isValid(cleaned) else {
                throw InputError(file: source, offset: range.start, reason: "syntax error in pattern `\(text)`")
            }
            patterns.append(IgnorePattern(pattern: cleaned, isException: isException, range: range,
                                          segments: cleaned.split(separator: "/").map(String.init)))
        }
        return DockerIgnore(source: source, patterns: patterns)
    }

    /// Whether the path (relative to the context) is left out of the build context.
    public func excludes(_ path: String) -> Bool {
        var excluded = false
        for pattern in patterns where pattern.matches(path) { excluded = !pattern.isException }
        return excluded
    }

    /// Whether some exception pattern could re-include something below `directory`.
    public func mayReinclude(below directory: String) -> Bool {
        patterns.contains { $0.isException && ($0.pattern.hasPrefix(directory + "/") || $0.pattern.contains("**") || $0.pattern.hasPrefix("*")) }
    }
}

extension String {
    /// Docker reads `.dockerignore` with the platform's separator; on Linux a backslash is an escape, kept as is.
    fileprivate func replacingBackslashesOnWindowsOnly() -> String { self }
}

/// Go `filepath.Match` semantics per path segment, plus `**` segments matching any number of segments.
/// Both levels run in polynomial time (a memo over segment positions; one backtrack point per `*`),
/// so pathological patterns such as `**/**/*a*a*a*b` cannot hang a scan.
enum GlobMatch {
    static func matchSegments(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        let patterns = Array(pattern)
        let parts = Array(path)
        // reachable[i][j]: pattern[i...] can match parts[j...]; filled from the end.
        var memo = [[Bool?]](repeating: [Bool?](repeating: nil, count: parts.count + 1), count: patterns.count + 1)
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i][j] { return known }
            let result: Bool
            if i == patterns.count {
                result = j == parts.count
            } else if patterns[i] == "**" {
                result = match(i + 1, j) || (j < parts.count && match(i, j + 1))
            } else {
                result = j < parts.count && matchSegment(Array(patterns[i].utf8)[...], Array(parts[j].utf8)[...]) && match(i + 1, j + 1)
            }
            memo[i][j] = result
            return result
        }
        return match(0, 0)
    }

    enum Token {
        case byte(UInt8)
        case any
        case star
        case set([(UInt8, UInt8)], negated: Bool)
    }

    /// The pattern as tokens; nil for a malformed class.
    static func tokens(_ pattern: ArraySlice<UInt8>) -> [Token]? {
        var result: [Token] = []
        var rest = pattern
        while let byte = rest.first {
            rest = rest.dropFirst()
            switch byte {
            case UInt8(ascii: "*"):
                if case .star? = result.last { continue }
                result.append(.star)
            case UInt8(ascii: "?"): result.append(.any)
            case UInt8(ascii: "\\"):
                guard let literal = rest.first else { return nil }
                rest = rest.dropFirst()
                result.append(.byte(literal))
            case UInt8(ascii: "["):
                var negated = false
                if rest.first == UInt8(ascii: "^") { negated = true; rest = rest.dropFirst() }
                var ranges: [(UInt8, UInt8)] = []
                var first = true
                var closed = false
                while let token = rest.first {
                    if token == UInt8(ascii: "]") && !first { rest = rest.dropFirst(); closed = true; break }
                    first = false
                    var low = token
                    rest = rest.dropFirst()
                    if low == UInt8(ascii: "\\") { guard let escaped = rest.first else { return nil }; low = escaped; rest = rest.dropFirst() }
                    var high = low
                    if rest.first == UInt8(ascii: "-"), let next = rest.dropFirst().first, next != UInt8(ascii: "]") {
                        rest = rest.dropFirst(2)
                        high = next
                        if next == UInt8(ascii: "\\") { guard let escaped = rest.first else { return nil }; high = escaped; rest = rest.dropFirst() }
                    }
                    ranges.append((low, high))
                }
                guard closed else { return nil }
                result.append(.set(ranges, negated: negated))
            default:
                result.append(.byte(byte))
            }
        }
        return result
    }

    /// `*`, `?`, `[...]` and escapes within one segment, greedy with one backtrack point per star: O(n·m).
    static func matchSegment(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        guard let tokens = tokens(pattern) else { return false }
        let bytes = Array(name)
        func matches(_ token: Token, _ byte: UInt8) -> Bool {
            switch token {
            case .byte(let expected): return byte == expected
            case .any: return true
            case .star: return false
            case .set(let ranges, let negated): return ranges.contains { byte >= $0.0 && byte <= $0.1 } != negated
            }
        }
        var t = 0
        var b = 0
        var starToken = -1
        var starByte = 0
        while b < bytes.count {
            if t < tokens.count, case .star = tokens[t] {
                starToken = t
                starByte = b
                t += 1
            } else if t < tokens.count, matches(tokens[t], bytes[b]) {
                t += 1
                b += 1
                // `?` and classes consume a whole UTF-8 character.
                if case .byte = tokens[t - 1] {} else { while b < bytes.count && bytes[b] & 0xC0 == 0x80 { b += 1 } }
            } else if starToken >= 0 {
                t = starToken + 1
                starByte += 1
                b = starByte
            } else {
                return false
            }
        }
        while t < tokens.count, case .star = tokens[t] { t += 1 }
        return t == tokens.count
    }

    /// Rejects patterns Go's `filepath.Match` calls malformed (an unclosed `[`, a trailing `\`).
    static func isValid(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return false }
                index += 2
            case UInt8(ascii: "["):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
                var closed = false
                var first = true
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "]") && !first { closed = true; index += 1; break }
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    first = false
                    index += 1
                }
                guard closed else { return false }
            default:
                index += 1
            }
        }
        return true
    }
}
