import ComposeAuditCore

/// LSP positions (0-based line, column in UTF-16 code units, or UTF-8 bytes when the client agreed to it) from the
/// byte offsets findings and fixes carry, and back.
public struct PositionEncoding: Sendable {
    public var utf8: Bool

    public init(utf8: Bool) { self.utf8 = utf8 }

    public func position(_ offset: Int, in source: SourceFile) -> [String: Int] {
        let clamped = min(max(offset, 0), source.bytes.count)
        let line = source.lineIndex(containing: clamped)
        var start = source.contentRange(ofLine: line).start
        if line == 0, source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, clamped) }
        let prefix = source.bytes[start..<max(start, clamped)]
        let character = utf8 ? prefix.count : String(decoding: prefix, as: UTF8.self).utf16.count
        return ["line": line, "character": character]
    }

    public func range(_ range: TextRange, in source: SourceFile) -> [String: Any] {
        ["start": position(range.start, in: source), "end": position(range.end, in: source)]
    }

    /// The byte offset of an LSP position (clamped to the line and the file).
    public func offset(line: Int, character: Int, in source: SourceFile) -> Int {
        guard source.lineCount > 0 else { return 0 }
        let content = source.contentRange(ofLine: min(max(line, 0), source.lineCount - 1))
        if utf8 { return min(content.start + max(character, 0), content.end) }
        var units = 0
        var index = content.start
        let bytes = source.bytes
        while index < content.end, units < character {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            units += length == 4 ? 2 : 1
            index += length
        }
        return min(index, content.end)
    }
}
