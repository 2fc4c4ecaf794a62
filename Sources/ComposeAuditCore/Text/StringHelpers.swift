#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// String operations the tool needs without Foundation, in one place.
extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    @inlinable public var trimmingSpaces: SubSequence {
        // Bytes, not characters: the blanks are ASCII, and a UTF-8 index is a valid string index.
        let (startOffset, endOffset) = withUTF8Bytes { bytes -> (Int, Int) in
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            var start = 0
            var end = bytes.count
            while start < end, blank(bytes[start]) { start += 1 }
            while end > start, blank(bytes[end - 1]) { end -= 1 }
            return (start, end)
        }
        let bytes = utf8
        let start = bytes.index(bytes.startIndex, offsetBy: startOffset)
        return self[start..<bytes.index(start, offsetBy: endOffset - startOffset)]
    }

    /// Without leading and trailing characters from `set`.
    public func trimmingCharacters(in set: String) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// The first occurrence of `needle` (nil for an empty needle).
    public func firstRange(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }

    /// Every occurrence of `target` replaced.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return String(self) }
        var output = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            output += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return output + rest
    }
}

extension StringProtocol {
    /// Whether `needle` (lower-case ASCII) occurs in the text, ASCII letters compared without case; no copies.
    @inlinable public func containsIgnoringASCIICase(_ needle: String) -> Bool {
        withUTF8Bytes { bytes in
            needle.withUTF8Bytes { pattern in
                guard pattern.count <= bytes.count else { return false }
                if pattern.isEmpty { return true }
                var start = 0
                while start + pattern.count <= bytes.count {
                    var matched = 0
                    while matched < pattern.count, Self.folded(bytes[start + matched]) == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                    start += 1
                }
                return false
            }
        }
    }

    @inlinable static func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The UTF-8 bytes, without a copy when the string is stored contiguously.
    @inlinable func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension StringProtocol {
    /// Whether two given bytes occur next to each other (`<<`, `--`): a plain scan, no searcher.
    @inlinable public func containsBytePair(_ first: UInt8, _ second: UInt8) -> Bool {
        withUTF8Bytes { bytes in
            guard bytes.count > 1 else { return false }
            for index in 1..<bytes.count where bytes[index] == second && bytes[index - 1] == first { return true }
            return false
        }
    }

    /// Whether the text, after leading spaces and tabs, starts with two given bytes (`--`).
    @inlinable public func startsWithBytePair(_ first: UInt8, _ second: UInt8) -> Bool {
        withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            return index + 1 < bytes.count && bytes[index] == first && bytes[index + 1] == second
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in the bytes: memchr to each candidate first byte, then memcmp.
    public func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                let base = haystack.baseAddress!
                let last = haystack.count - pattern.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
