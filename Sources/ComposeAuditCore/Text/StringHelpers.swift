/// String operations the tool needs without Foundation, in one place.
extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    public var trimmingSpaces: SubSequence {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
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
    public func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let bytes = utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            if bytes[start] | 0x20 == first | 0x20 || bytes[start] == first {
                var candidate = start
                var matched = 0
                while matched < pattern.count, candidate != bytes.endIndex {
                    let byte = bytes[candidate]
                    let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    guard folded == pattern[matched] else { break }
                    matched += 1
                    candidate = bytes.index(after: candidate)
                }
                if matched == pattern.count { return true }
            }
            start = bytes.index(after: start)
        }
        return false
    }
}

extension StringProtocol {
    /// Whether the text ends with `suffix`, ASCII letters compared without case.
    public func hasSuffixIgnoringASCIICase(_ suffix: String) -> Bool {
        let tail = utf8.reversed()
        var index = tail.startIndex
        for expected in suffix.utf8.reversed() {
            guard index != tail.endIndex else { return false }
            let byte = tail[index]
            guard byte == expected || (byte | 0x20 == expected | 0x20 && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) else { return false }
            index = tail.index(after: index)
        }
        return true
    }
}
