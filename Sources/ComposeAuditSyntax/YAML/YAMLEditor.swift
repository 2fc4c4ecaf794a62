import ComposeAuditCore

/// Text edits on a YAML file that keep its style: new entries go after the last content line of
/// the previous one, at the column of their siblings, with the file's line endings and dash style.
public struct YAMLEditor {
    public let tree: YAMLTree

    public init(tree: YAMLTree) { self.tree = tree }

    private var newline: String { tree.newline }
    private var unit: Int { tree.indentUnit }

    private func spaces(_ count: Int) -> String { String(repeating: " ", count: max(0, count)) }

    /// `key: value` text for an entry whose key sits at `column`.
    public func entryText(key: String, value: YAMLSnippet, column: Int) -> String {
        switch value {
        case .scalar(let text):
            return spaces(column) + key + ": " + text
        case .block(let lines):
            return spaces(column) + key + ":" + lines.map { newline + spaces(column + unit * ($0.level + 1)) + $0.text }.joined()
        }
    }

    /// Adds `key` to a block mapping after its last entry. Nil for flow mappings and aliases
    /// (an edit there would change every user of the anchor).
    public func addEntry(to mapping: YAMLNode, key: String, value: YAMLSnippet) -> TextEdit? {
        guard tree.kind(mapping) == .mapping, !tree.isFlow(mapping), let first = tree.pair(mapping, at: 0) else { return nil }
        let column = tree.column(of: first.key)
        let offset = tree.lineEnd(containing: tree.contentEnd(mapping))
        return .insert(newline + (entriesAreSpaced(mapping) ? newline : "") + entryText(key: key, value: value, column: column), at: offset)
    }

    /// Whether the mapping separates its entries with a blank line (as services often are), above the comment lines
    /// that head an entry.
    func entriesAreSpaced(_ mapping: YAMLNode) -> Bool {
        let count = tree.pairCount(mapping)
        guard count >= 2, let last = tree.pair(mapping, at: count - 1) else { return false }
        var line = tree.source.lineIndex(containing: tree.range(last.key).start) - 1
        while line > 0, tree.source.lineText(line).drop(while: { $0 == " " || $0 == "\t" }).first == "#" { line -= 1 }
        return line >= 0 && tree.source.lineText(line).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Replaces an empty (null) value of `key` with block lines (`volumes:` with nothing under it).
    public func fillEmptyValue(key: YAMLNode, value: YAMLNode, lines: [(level: Int, text: String)]) -> TextEdit? {
        guard tree.isNull(value), tree.kind(value) == .scalar else { return nil }
        let column = tree.column(of: key)
        let text = lines.map { newline + spaces(column + unit * ($0.level + 1)) + $0.text }.joined()
        let valueRange = tree.range(value)
        if valueRange.isEmpty {
            return .insert(text, at: tree.lineEnd(containing: tree.range(key).end))
        }
        // `key: ~` or `key: null`: replace the token, keep the rest of the line.
        var start = valueRange.start
        while start > 0, tree.source.bytes[start - 1] == 0x20 { start -= 1 }
        return TextEdit(range: TextRange(start: start, end: valueRange.end), replacement: text)
    }

    /// Appends an item to a sequence in the file's dash style (block) or before `]` (flow).
    public func appendItem(to sequence: YAMLNode, item: String) -> TextEdit? {
        guard tree.kind(sequence) == .sequence else { return nil }
        let items = tree.items(sequence)
        if tree.isFlow(sequence) {
            let close = tree.range(sequence).end - 1
            guard close >= 0, tree.source.bytes[close] == UInt8(ascii: "]") else { return nil }
            guard let last = items.last else { return .insert(item, at: close) }
            return .insert(", " + item, at: tree.contentEnd(last))
        }
        guard let first = items.first else { return nil }
        let itemColumn = tree.column(of: first)
        var dashColumn = itemColumn - 2
        let lineStart = tree.source.lineStarts[tree.source.lineIndex(containing: tree.range(first).start)]
        var index = tree.range(first).start - 1
        while index >= lineStart {
            if tree.source.bytes[index] == UInt8(ascii: "-") { dashColumn = index - lineStart; break }
            index -= 1
        }
        let gap = max(1, itemColumn - dashColumn - 1)
        let offset = tree.lineEnd(containing: tree.contentEnd(sequence))
        return .insert(newline + spaces(dashColumn) + "-" + spaces(gap) + item, at: offset)
    }

    /// Replaces a scalar's text (its whole written form, quotes included).
    public func replaceScalar(_ node: YAMLNode, with text: String) -> TextEdit {
        TextEdit(range: tree.range(node), replacement: text)
    }

    /// A new top-level section at the end of the document (`volumes:` with entries).
    public func appendTopLevel(key: String, lines: [(level: Int, text: String)]) -> TextEdit? {
        guard let root = tree.documents.first, tree.kind(root) == .mapping, !tree.isFlow(root) else { return nil }
        let offset = tree.lineEnd(containing: tree.contentEnd(root))
        let column = tree.rawPairs(root).first.map { tree.column(of: $0.key) } ?? 0
        let body = lines.map { newline + spaces(column + unit * ($0.level + 1)) + $0.text }.joined()
        return .insert(newline + newline + spaces(column) + key + ":" + body, at: offset)
    }

    /// A new top-level entry placed before the top-level key `before` (and the comment lines right
    /// above it, which belong to that key), e.g. an `x-logging` extension before `services:`.
    public func insertTopLevel(key: String, anchor: String?, lines: [(level: Int, text: String)], before: YAMLNode) -> TextEdit {
        let source = tree.source
        let column = tree.column(of: before)
        var line = source.lineIndex(containing: tree.range(before).start)
        while line > 0 {
            let previous = source.lineText(line - 1).drop { $0 == " " || $0 == "\t" }
            guard previous.hasPrefix("#") else { break }
            line -= 1
        }
        let header = spaces(column) + key + ":" + (anchor.map { " &" + $0 } ?? "")
        let body = lines.map { newline + spaces(column + unit * ($0.level + 1)) + $0.text }.joined()
        return .insert(header + body + newline + newline, at: source.textStart(ofLine: line))
    }
}
