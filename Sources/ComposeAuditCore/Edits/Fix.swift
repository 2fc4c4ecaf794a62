/// Replace the bytes of `range` with `replacement` (an insertion when the range is empty).
public struct TextEdit: Sendable, Hashable, Comparable {
    public var range: TextRange
    public var replacement: String

    public init(range: TextRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }

    public static func insert(_ text: String, at offset: Int) -> TextEdit { TextEdit(range: .at(offset), replacement: text) }
    public static func delete(_ range: TextRange) -> TextEdit { TextEdit(range: range, replacement: "") }

    public static func < (lhs: TextEdit, rhs: TextEdit) -> Bool { lhs.range < rhs.range }

    /// Two edits conflict when their ranges overlap, or both insert at the same offset (order would be arbitrary).
    public func conflicts(with other: TextEdit) -> Bool {
        if range.isEmpty && other.range.isEmpty { return range.start == other.range.start }
        return range.start < other.range.end && other.range.start < range.end
            || (range.isEmpty && range.start > other.range.start && range.start < other.range.end)
            || (other.range.isEmpty && other.range.start > range.start && other.range.start < range.end)
    }
}

/// How safe it is to apply a fix without review: `safe` fixes are applied by `fix --write`,
/// `unsafe` ones only with `--unsafe-fixes`.
public enum FixApplicability: String, Sendable, Codable, Comparable {
    case unsafe
    case safe

    public static func < (lhs: FixApplicability, rhs: FixApplicability) -> Bool { lhs == .unsafe && rhs == .safe }
}

/// Edits to one file, or the creation of a new one.
public struct FileChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case edit([TextEdit])
        case create(String)
    }

    public var path: String
    public var kind: Kind

    /// Insertions at the same offset are joined in the order given, so their order is never arbitrary.
    public init(path: String, edits: [TextEdit]) {
        var merged: [TextEdit] = []
        for edit in edits {
            if edit.range.isEmpty, let index = merged.firstIndex(where: { $0.range == edit.range }) {
                merged[index].replacement += edit.replacement
            } else {
                merged.append(edit)
            }
        }
        self.path = path
        self.kind = .edit(merged.sorted())
    }

    public init(path: String, creating content: String) {
        self.path = path
        self.kind = .create(content)
    }

    public var edits: [TextEdit] {
        if case .edit(let edits) = kind { return edits }
        return []
    }
}

/// A fix: one or more file changes applied together, or not at all.
public struct Fix: Sendable, Hashable {
    public var title: String
    public var applicability: FixApplicability
    public var changes: [FileChange]
    /// One line on what changes for whoever runs the stack; the engine fills in the rule's when a fix has none.
    public var consequence: String

    public init(_ title: String, applicability: FixApplicability, changes: [FileChange], consequence: String = "") {
        self.title = title
        self.applicability = applicability
        self.changes = changes
        self.consequence = consequence
    }

    /// `safe`, or `unsafe: <consequence>`: the class with what it costs, as reports and editors show it.
    public var classAndConsequence: String {
        consequence.isEmpty ? applicability.rawValue : "\(applicability.rawValue): \(consequence)"
    }

    /// Whether this fix touches any place another fix touches.
    public func conflicts(with other: Fix) -> Bool {
        for mine in changes {
            for theirs in other.changes where theirs.path == mine.path {
                switch (mine.kind, theirs.kind) {
                case (.create, _), (_, .create): return true
                case (.edit(let left), .edit(let right)):
                    if left.contains(where: { edit in right.contains { edit.conflicts(with: $0) } }) { return true }
                }
            }
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Applies sorted, non-overlapping edits by copying the slices between them.
    public func applying(_ edits: [TextEdit]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var cursor = 0
        for edit in edits.sorted() {
            let start = Swift.min(Swift.max(edit.range.start, cursor), count)
            output.append(contentsOf: self[cursor..<start])
            output.append(contentsOf: edit.replacement.utf8)
            cursor = Swift.min(Swift.max(edit.range.end, start), count)
        }
        output.append(contentsOf: self[cursor...])
        return output
    }
}
