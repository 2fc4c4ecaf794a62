#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComposeAuditCore

/// A handle to one node of a `YAMLTree`.
public struct YAMLNode: Hashable, Sendable {
    public let index: Int32
    init(_ index: Int32) { self.index = index }
}

public enum YAMLNodeKind: UInt8, Sendable {
    case scalar, sequence, mapping, alias
}

public enum YAMLScalarStyle: UInt8, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node in the flat arena. Scalars point into `scalarBytes`, collections into `children`
/// (a mapping's children alternate key, value), aliases at their target node.
struct YAMLNodeRecord {
    var kind: YAMLNodeKind
    /// Scalar style, or 0 = block / 1 = flow for collections.
    var style: UInt8
    var start: Int32
    var end: Int32
    var payloadStart: Int32
    var payloadCount: Int32
    var tag: Int32
    var anchor: Int32
}

/// Every document of one YAML file as a flat arena of nodes that remember their byte ranges.
/// Aliases are kept as references to their anchor's node and never expanded.
public struct YAMLTree: Sendable {
    public let source: SourceFile
    /// The root node of each document, in order.
    public internal(set) var documents: [YAMLNode] = []
    var records: [YAMLNodeRecord] = []
    var children: [Int32] = []
    var scalarBytes: [UInt8] = []
    /// Tag and anchor names referenced by records.
    var names: [String] = []
    /// The indentation step of the file (see `computeIndentUnit`).
    public internal(set) var indentUnit = 2

    init(source: SourceFile) {
        self.source = source
    }

    public var nodeCount: Int { records.count }

    /// A scalar's value bytes: in the source when the value is the text as written (`payloadStart` is
    /// then `-(offset + 1)`), else in `scalarBytes` (escapes, folded lines, block scalars).
    func payload(_ record: YAMLNodeRecord) -> ArraySlice<UInt8> {
        let count = Int(record.payloadCount)
        if record.payloadStart < 0 {
            let start = Int(-record.payloadStart - 1)
            return source.bytes[start..<start + count]
        }
        let start = Int(record.payloadStart)
        return scalarBytes[start..<start + count]
    }

    public func kind(_ node: YAMLNode) -> YAMLNodeKind { records[Int(node.index)].kind }

    /// The byte range of the node as written (for aliases, the `*name` token).
    public func range(_ node: YAMLNode) -> TextRange {
        let record = records[Int(node.index)]
        return TextRange(start: Int(record.start), end: Int(record.end))
    }

    public func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(path: source.path, range: range(node))
    }

    public func position(_ node: YAMLNode) -> LineColumn { source.lineColumn(at: Int(records[Int(node.index)].start)) }

    public func tag(_ node: YAMLNode) -> String? {
        let index = records[Int(node.index)].tag
        return index >= 0 ? names[Int(index)] : nil
    }

    public func anchor(_ node: YAMLNode) -> String? {
        let index = records[Int(node.index)].anchor
        return index >= 0 ? names[Int(index)] : nil
    }

    public func scalarStyle(_ node: YAMLNode) -> YAMLScalarStyle? {
        let record = records[Int(node.index)]
        return record.kind == .scalar ? YAMLScalarStyle(rawValue: record.style) : nil
    }

    public func isFlow(_ node: YAMLNode) -> Bool {
        let record = records[Int(node.index)]
        return (record.kind == .mapping || record.kind == .sequence) && record.style == 1
    }

    /// The node an alias points at (following chains), or the node itself.
    public func resolved(_ node: YAMLNode) -> YAMLNode {
        var current = node
        while records[Int(current.index)].kind == .alias {
            current = YAMLNode(records[Int(current.index)].payloadStart)
        }
        return current
    }

    /// The scalar's value (after following aliases), or nil for collections.
    public func string(_ node: YAMLNode) -> String? {
        let target = records[Int(resolved(node).index)]
        guard target.kind == .scalar else { return nil }
        return String(decoding: payload(target), as: UTF8.self)
    }

    /// True for a plain `~`, `null`, `Null`, `NULL` or empty scalar, or an explicit `!!null`.
    public func isNull(_ node: YAMLNode) -> Bool {
        let target = resolved(node)
        let record = records[Int(target.index)]
        guard record.kind == .scalar else { return false }
        if let tag = tag(target) { return tag == "tag:yaml.org,2002:null" }
        guard record.style == YAMLScalarStyle.plain.rawValue else { return false }
        switch record.payloadCount {
        case 0: return true
        case 1: return payload(record).first == UInt8(ascii: "~")
        case 4: return ["null", "Null", "NULL"].contains(string(target) ?? "")
        default: return false
        }
    }

    /// Items of a sequence (after following aliases); empty for anything else.
    public func items(_ node: YAMLNode) -> [YAMLNode] {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .sequence else { return [] }
        let start = Int(record.payloadStart)
        return children[start..<start + Int(record.payloadCount)].map { YAMLNode($0) }
    }

    /// The key/value pairs written in a mapping, merge keys included and not resolved.
    public func rawPairs(_ node: YAMLNode) -> [(key: YAMLNode, value: YAMLNode)] {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .mapping else { return [] }
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        pairs.reserveCapacity(Int(record.payloadCount) / 2)
        var index = Int(record.payloadStart)
        let end = index + Int(record.payloadCount)
        while index + 1 < end {
            pairs.append((YAMLNode(children[index]), YAMLNode(children[index + 1])))
            index += 2
        }
        return pairs
    }

    /// Every node of the arena, in the order they were parsed.
    public var allNodes: [YAMLNode] { (0..<Int32(records.count)).map(YAMLNode.init) }

    /// Every key written in the file (aliases not followed, each mapping once), found by one scan of the arena.
    public func allMappingKeys() -> [YAMLNode] {
        var keys: [YAMLNode] = []
        for record in records where record.kind == .mapping {
            var index = Int(record.payloadStart)
            let end = index + Int(record.payloadCount)
            while index + 1 < end {
                keys.append(YAMLNode(children[index]))
                index += 2
            }
        }
        return keys
    }

    /// How many key/value pairs a mapping writes (merge keys included), without building a list.
    public func pairCount(_ node: YAMLNode) -> Int {
        let record = records[Int(resolved(node).index)]
        return record.kind == .mapping ? Int(record.payloadCount) / 2 : 0
    }

    /// The `index`-th written pair of a mapping, without building the whole list.
    public func pair(_ node: YAMLNode, at index: Int) -> (key: YAMLNode, value: YAMLNode)? {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .mapping, index >= 0, index < Int(record.payloadCount) / 2 else { return nil }
        let start = Int(record.payloadStart) + 2 * index
        return (YAMLNode(children[start]), YAMLNode(children[start + 1]))
    }

    /// The last item of a sequence, without building the list.
    public func lastItem(_ node: YAMLNode) -> YAMLNode? {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .sequence, record.payloadCount > 0 else { return nil }
        return YAMLNode(children[Int(record.payloadStart) + Int(record.payloadCount) - 1])
    }

    /// Whether a key node is a merge key (`<<` written plain, or tagged `!!merge`).
    public func isMergeKey(_ key: YAMLNode) -> Bool {
        let record = records[Int(key.index)]
        guard record.kind == .scalar, record.payloadCount == 2 else { return false }
        guard payload(record).elementsEqual([UInt8(ascii: "<"), UInt8(ascii: "<")]) else { return false }
        if let tag = tag(key) { return tag == "tag:yaml.org,2002:merge" }
        return record.style == YAMLScalarStyle.plain.rawValue
    }

    /// A mapping's entries with merge keys resolved as Compose does: keys written in the mapping
    /// win over merged ones, and in `<<: [*a, *b]` the first mapping that has a key wins.
    public func entries(_ node: YAMLNode) -> [(key: YAMLNode, value: YAMLNode)] {
        let pairs = rawPairs(node)
        guard pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
        var result: [(key: YAMLNode, value: YAMLNode)] = []
        for pair in pairs where !isMergeKey(pair.key) { result.append(pair) }
        // Keys already taken, compared as bytes: a scan while the mapping is small (no strings, no hashing),
        // a set of names beyond that (a hostile file may merge mappings of many thousand keys).
        var names: Set<String>?
        func isTaken(_ key: YAMLNode) -> Bool {
            if let names { return string(key).map(names.contains) ?? true }
            return result.contains { sameScalarText($0.key, key) }
        }
        for pair in pairs where isMergeKey(pair.key) {
            let value = resolved(pair.value)
            let sources = kind(value) == .sequence ? items(value) : [value]
            for source in sources {
                for merged in entries(source) {
                    guard kind(resolved(merged.key)) == .scalar, !isTaken(merged.key) else { continue }
                    result.append(merged)
                    if names != nil {
                        names?.insert(string(merged.key) ?? "")
                    } else if result.count > 32 {
                        names = Set(result.compactMap { string($0.key) })
                    }
                }
            }
        }
        return result
    }

    /// Whether two nodes are scalars (aliases followed) with the same text.
    func sameScalarText(_ first: YAMLNode, _ second: YAMLNode) -> Bool {
        let one = records[Int(resolved(first).index)]
        let other = records[Int(resolved(second).index)]
        guard one.kind == .scalar, other.kind == .scalar else { return false }
        return sameText(one, other)
    }

    /// Whether two scalar records hold the same bytes.
    func sameText(_ one: YAMLNodeRecord, _ other: YAMLNodeRecord) -> Bool {
        guard one.payloadCount == other.payloadCount else { return false }
        guard one.payloadCount > 0 else { return true }
        return payload(one).withUnsafeBufferPointer { first in
            payload(other).withUnsafeBufferPointer { second in memcmp(first.baseAddress!, second.baseAddress!, first.count) == 0 }
        }
    }

    /// The value of `key` in a mapping (merge keys resolved), or nil.
    public func value(_ node: YAMLNode, forKey key: String) -> YAMLNode? {
        entry(node, forKey: key)?.value
    }

    /// The key/value pair of `key` in a mapping (merge keys resolved), or nil. Keys written in the mapping
    /// are compared in place (they win over merged ones); merged entries are searched only when needed.
    public func entry(_ node: YAMLNode, forKey key: String) -> (key: YAMLNode, value: YAMLNode)? {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .mapping else { return nil }
        var hasMergeKey = false
        var index = Int(record.payloadStart)
        let end = index + Int(record.payloadCount)
        while index + 1 < end {
            let candidate = YAMLNode(children[index])
            if isMergeKey(candidate) {
                hasMergeKey = true
            } else if scalar(candidate, equals: key) {
                return (candidate, YAMLNode(children[index + 1]))
            }
            index += 2
        }
        guard hasMergeKey else { return nil }
        // Merged mappings in order, each with its own merges resolved: the first that has the key wins.
        index = Int(record.payloadStart)
        while index + 1 < end {
            if isMergeKey(YAMLNode(children[index])) {
                let value = resolved(YAMLNode(children[index + 1]))
                for source in kind(value) == .sequence ? items(value) : [value] {
                    if let found = entry(source, forKey: key) { return found }
                }
            }
            index += 2
        }
        return nil
    }

    /// Whether a scalar (aliases followed) holds exactly `text`, compared as bytes.
    public func scalar(_ node: YAMLNode, equals text: String) -> Bool {
        let record = records[Int(resolved(node).index)]
        guard record.kind == .scalar else { return false }
        var text = text
        return text.withUTF8 { expected in
            guard expected.count == Int(record.payloadCount) else { return false }
            return payload(record).elementsEqual(expected)
        }
    }
}
