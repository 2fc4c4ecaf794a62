import ComposeAuditCore

/// Where things are in a YAML file's text, for edits that keep its layout: libyaml's end marks of
/// block collections run past trailing comments and blank lines, so insertion points are computed
/// from the last content character instead.
extension YAMLTree {
    /// The file's line terminator.
    public var newline: String { source.usesCRLF ? "\r\n" : "\n" }

    /// The indentation step the file uses (the column of the first nested block key under the first
    /// top-level block mapping, relative to its parent), 2 when nothing says otherwise. Computed once, at parse.
    func computeIndentUnit() -> Int {
        guard let root = documents.first, kind(root) == .mapping else { return 2 }
        let rootColumn = column(of: pair(root, at: 0)?.key ?? root)
        for index in 0..<pairCount(root) {
            guard let value = pair(root, at: index)?.value, kind(value) == .mapping, !isFlow(value),
                  let child = pair(value, at: 0)?.key else { continue }
            let step = column(of: child) - rootColumn
            if step > 0 { return step }
        }
        return 2
    }

    /// Byte column of a node's first character on its line.
    public func column(of node: YAMLNode) -> Int {
        let start = range(node).start
        let line = source.lineIndex(containing: start)
        let lineStart = line == 0 ? min(source.byteOrderMarkLength, start) : source.lineStarts[line]
        return start - lineStart
    }

    /// The offset just after the node's last content character (trailing blank lines of block
    /// scalars and comments after it excluded).
    public func contentEnd(_ node: YAMLNode) -> Int {
        switch kind(node) {
        case .alias:
            return range(node).end
        case .scalar:
            var end = range(node).end
            if let style = scalarStyle(node), style == .literal || style == .folded {
                let bytes = source.bytes
                while end > range(node).start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
            }
            return end
        case .sequence:
            if isFlow(node) { return range(node).end }
            guard let last = lastItem(node) else { return range(node).end }
            return contentEnd(last)
        case .mapping:
            if isFlow(node) { return range(node).end }
            guard let last = pair(node, at: pairCount(node) - 1) else { return range(node).end }
            return max(contentEnd(last.key), contentEnd(last.value))
        }
    }

    /// The offset where the line holding `offset` ends (before its `\n` or `\r\n`).
    public func lineEnd(containing offset: Int) -> Int {
        source.contentRange(ofLine: source.lineIndex(containing: min(offset, max(0, source.bytes.count)))).end
    }

    /// Whether `key` is written in the mapping itself (not only merged in with `<<`).
    public func hasOwnKey(_ mapping: YAMLNode, _ key: String) -> Bool {
        rawPairs(mapping).contains { !isMergeKey($0.key) && string($0.key) == key }
    }

    /// The value written for `key` in the mapping itself.
    public func ownValue(_ mapping: YAMLNode, forKey key: String) -> YAMLNode? {
        rawPairs(mapping).first { !isMergeKey($0.key) && string($0.key) == key }?.value
    }

    /// The key node written for `key` in the mapping itself.
    public func ownKey(_ mapping: YAMLNode, _ key: String) -> YAMLNode? {
        rawPairs(mapping).first { !isMergeKey($0.key) && string($0.key) == key }?.key
    }

    /// Whether the mapping merges other mappings with `<<`.
    public func hasMergeKey(_ mapping: YAMLNode) -> Bool {
        rawPairs(mapping).contains { isMergeKey($0.key) }
    }
}

/// A value to write into YAML: a scalar on the key's line, or block lines below it.
public enum YAMLSnippet: Sendable, Equatable {
    case scalar(String)
    /// Lines with their nesting level below the key (0 = one indent step deeper than the key).
    case block([(level: Int, text: String)])

    public static func == (lhs: YAMLSnippet, rhs: YAMLSnippet) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let left), .scalar(let right)): left == right
        case (.block(let left), .block(let right)): left.map(\.text) == right.map(\.text) && left.map(\.level) == right.map(\.level)
        default: false
        }
    }
}

/// Writes scalars the way a person would: plain when that keeps the value a string, else double-quoted.
public enum YAMLScalarText {
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]

    public static func render(_ value: String) -> String {
        plainIsSafe(value) ? value : quoted(value)
    }

    public static func quoted(_ value: String) -> String { TextFormatting.doubleQuoted(value) }

    /// Plain only for values that stay strings in YAML 1.1 and 1.2 and need no escaping.
    static func plainIsSafe(_ value: String) -> Bool {
        guard let first = value.first, !reserved.contains(value.lowercased()) else { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".contains(first) && !(first == "-" && value.count > 1 && value.dropFirst().first != " ") {
            return false
        }
        if value.last == " " || value.contains(": ") || value.contains(" #") || value.hasSuffix(":") { return false }
        if value.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\"" || $0 == "'" }) { return false }
        if Double(value) != nil || Int(value) != nil { return false }
        if value.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." || $0 == "_" }) { return false }
        return true
    }
}
