#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file with a line index, so byte offsets can be shown as line:column.
public struct SourceFile: Sendable {
    /// The path as shown to the user (relative to the audited folder where possible).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// Length of a leading UTF-8 byte order mark (0 or 3).
    public let byteOrderMarkLength: Int

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.byteOrderMarkLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts = [0]
        starts.reserveCapacity(bytes.count / 24 + 1)
        bytes.withUnsafeBytes { buffer in
            // memchr from one newline to the next: a vectorized scan instead of a byte loop.
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
                starts.append(offset)
            }
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where a 0-based line's text starts: its first byte, after the byte order mark on the first line. Edits
    /// that insert or delete whole lines start here, so a BOM stays first.
    public func textStart(ofLine line: Int) -> Int { max(lineStarts[line], byteOrderMarkLength) }

    /// 1-based line and character column of a byte offset.
    public func lineColumn(at offset: Int) -> LineColumn {
        let clamped = min(max(offset, 0), bytes.count)
        let line = lineIndex(containing: clamped)
        var start = lineStarts[line]
        if line == 0 { start = min(byteOrderMarkLength, clamped) }
        var column = 1
        var index = start
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return LineColumn(line: line + 1, column: column)
    }

    /// Byte range of a 0-based line, without its line terminator (`\n` or `\r\n`).
    public func contentRange(ofLine line: Int) -> TextRange {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, end <= bytes.count, end - 1 >= start, end - 1 < bytes.count, bytes[end - 1] == 0x0D,
           line + 1 < lineStarts.count {
            end -= 1
        }
        return TextRange(start: start, end: max(start, end))
    }

    /// The text of a 0-based line without its terminator (invalid UTF-8 is repaired for display).
    public func lineText(_ line: Int) -> String {
        text(in: contentRange(ofLine: line))
    }

    public func text(in range: TextRange) -> String {
        let lower = min(max(range.start, 0), bytes.count)
        let upper = min(max(range.end, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// Whether the file uses CRLF line endings (judged by its first line break).
    public var usesCRLF: Bool {
        guard lineStarts.count > 1 else { return false }
        let newline = lineStarts[1] - 1
        return newline > 0 && bytes[newline - 1] == 0x0D
    }
}
