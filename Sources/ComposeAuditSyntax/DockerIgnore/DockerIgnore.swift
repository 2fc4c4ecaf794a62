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
enum GlobMatch {
    static func matchSegments(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var remaining = path
            while true {
                if matchSegments(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let segment = path.first else { return false }
        return matchSegment(Array(first.utf8)[...], Array(segment.utf8)[...]) && matchSegments(pattern.dropFirst(), path.dropFirst())
    }

    /// `*`, `?`, `[...]` (with `^`/`!` negation and ranges) and `\` escapes within one segment.
    static func matchSegment(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var pattern = pattern
        var name = name
        while let token = pattern.first {
            switch token {
            case UInt8(ascii: "*"):
                while pattern.first == UInt8(ascii: "*") { pattern = pattern.dropFirst() }
                if pattern.isEmpty { return true }
                var candidate = name
                while true {
                    if matchSegment(pattern, candidate) { return true }
                    guard !candidate.isEmpty else { return false }
                    candidate = candidate.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard !name.isEmpty else { return false }
                pattern = pattern.dropFirst()
                name = dropCharacter(name)
            case UInt8(ascii: "["):
                guard let byte = name.first, let (matched, rest) = matchClass(pattern.dropFirst(), byte) else { return false }
                guard matched else { return false }
                pattern = rest
                name = name.dropFirst()
            case UInt8(ascii: "\\"):
                pattern = pattern.dropFirst()
                guard let literal = pattern.first, name.first == literal else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            default:
                guard name.first == token else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            }
        }
        return name.isEmpty
    }

    private static func dropCharacter(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = name.dropFirst()
        while let byte = rest.first, byte & 0xC0 == 0x80 { rest = rest.dropFirst() }
        return rest
    }

    /// Matches one byte against a class body (after `[`); returns the result and the pattern after `]`.
    private static func matchClass(_ body: ArraySlice<UInt8>, _ byte: UInt8) -> (Bool, ArraySlice<UInt8>)? {
        var body = body
        var negated = false
        if body.first == UInt8(ascii: "^") || body.first == UInt8(ascii: "!") {
            negated = true
            body = body.dropFirst()
        }
        var matched = false
        var first = true
        while let token = body.first {
            if token == UInt8(ascii: "]") && !first { return (matched != negated, body.dropFirst()) }
            first = false
            var low = token
            body = body.dropFirst()
            if low == UInt8(ascii: "\\") {
                guard let escaped = body.first else { return nil }
                low = escaped
                body = body.dropFirst()
            }
            var high = low
            if body.first == UInt8(ascii: "-"), body.dropFirst().first.map({ $0 != UInt8(ascii: "]") }) == true {
                body = body.dropFirst()
                guard var end = body.first else { return nil }
                body = body.dropFirst()
                if end == UInt8(ascii: "\\") {
                    guard let escaped = body.first else { return nil }
                    end = escaped
                    body = body.dropFirst()
                }
                high = end
            }
            if byte >= low && byte <= high { matched = true }
        }
        return nil
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
                if index < bytes.count, bytes[index] == UInt8(ascii: "^") || bytes[index] == UInt8(ascii: "!") { index += 1 }
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
