import CYAML
import ComposeAuditCore

/// Limits that keep hostile YAML from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// Deepest nesting of collections accepted.
    public var maximumDepth: Int
    /// Most nodes the document may expand to when every alias is followed; beyond this
    /// (and beyond `aliasExpansionFactor` times the nodes written) the file is refused as an alias bomb.
    public var maximumExpandedNodes: Int
    public var aliasExpansionFactor: Int

    public init(maximumDepth: Int = 10_000, maximumExpandedNodes: Int = 1_000_000, aliasExpansionFactor: Int = 10) {
        self.maximumDepth = maximumDepth
        self.maximumExpandedNodes = maximumExpandedNodes
        self.aliasExpansionFactor = aliasExpansionFactor
    }

    public static let standard = YAMLLimits()
}

/// Reads YAML with libyaml's event API into a `YAMLTree`.
public enum YAMLParser {
    public static func parse(_ source: SourceFile, limits: YAMLLimits = .standard) throws(InputError) -> YAMLTree {
        let isASCII = try EncodingCheck.requireUTF8(source)
        var builder = YAMLTreeBuilder(source: source, limits: limits)
        try builder.run(textIsASCII: isASCII)
        builder.tree.indentUnit = builder.tree.computeIndentUnit()
        return builder.tree
    }
}

/// Rejects input libyaml would misplace or mangle: UTF-16/32 and invalid UTF-8, at the first bad byte.
enum EncodingCheck {
    /// Throws at the first byte that is not UTF-8; returns whether every byte after the BOM is ASCII
    /// (the same scan answers both).
    static func requireUTF8(_ source: SourceFile) throws(InputError) -> Bool {
        let bytes = source.bytes
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(path: source.path, position: LineColumn(line: 1, column: 1),
                             reason: "unsupported encoding (UTF-16): save the file as UTF-8")
        }
        let scan = scanUTF8(bytes, skipping: source.byteOrderMarkLength)
        if let bad = scan.invalidOffset {
            throw InputError(file: source, offset: bad,
                             reason: "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true))")
        }
        return scan.isASCII
    }

    /// The first byte that is not UTF-8, and whether the bytes after the first `skip` are all ASCII.
    static func scanUTF8(_ bytes: [UInt8], skipping skip: Int) -> (invalidOffset: Int?, isASCII: Bool) {
        var isASCII = true
        let invalidOffset = bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = 0
            let count = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            while index < count {
                // ASCII runs, eight bytes at a time.
                while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { break }
                let lead = buffer[index]
                if lead < 0x80 { index += 1; continue }
                if index >= skip { isASCII = false }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
                default: return index
                }
                guard index + length <= count else { return index }
                for offset in 1..<length {
                    let next = buffer[index + offset]
                    guard next & 0xC0 == 0x80 else { return index }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
                index += length
            }
            return nil
        }
        return (invalidOffset, isASCII)
    }
}

/// Converts libyaml's character indexes to byte offsets with a moving cursor (linear overall).
/// libyaml detects and skips a UTF-8 byte order mark: indexes count from the byte after it.
struct CharacterToByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether every byte after the BOM is ASCII (then offset = BOM length + index).
    let isASCII: Bool
    let base: Int
    var character = 0
    var byte: Int

    init(bytes: UnsafeBufferPointer<UInt8>, byteOrderMarkLength: Int, isASCII: Bool) {
        self.bytes = bytes
        self.base = byteOrderMarkLength
        self.byte = byteOrderMarkLength
        self.isASCII = isASCII
    }

    mutating func offset(ofCharacter target: Int) -> Int {
        if isASCII { return min(base + target, bytes.count) }
        while character < target && byte < bytes.count {
            byte += 1
            while byte < bytes.count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            character += 1
        }
        while character > target && byte > base {
            byte -= 1
            while byte > base && bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
            character -= 1
        }
        return byte
    }
}

struct YAMLTreeBuilder {
    var tree: YAMLTree
    let limits: YAMLLimits
    private var pending: [Int32] = []
    private var open: [(node: Int32, pendingStart: Int, anchor: String?, aliasExtraAtStart: Int)] = []
    private var anchors: [String: Int32] = [:]
    private var nameIndex: [String: Int32] = [:]
    /// Nodes the document stands for once every alias is expanded, beyond the nodes written: each alias
    /// adds its target's size less one (saturating). A collection's expanded size is then the records
    /// written since it opened plus what this grew by meanwhile: no size is kept per node.
    private var aliasExtra = 0
    /// Expanded sizes of anchored collections (an anchored scalar is 1).
    private var anchoredSize: [Int32: Int] = [:]

    init(source: SourceFile, limits: YAMLLimits) {
        self.tree = YAMLTree(source: source)
        self.limits = limits
        // Compose files hold a node every 10-20 bytes. Reserving for one every 8 spares the copies of
        // growing; the pages of capacity never written are never touched, so they cost no memory.
        let estimate = source.bytes.count / 8 + 16
        tree.records.reserveCapacity(estimate)
        tree.children.reserveCapacity(estimate)
    }

    private var source: SourceFile { tree.source }

    /// `textIsASCII`: no byte after the BOM is above 0x7F (offsets are then indexes plus the BOM).
    mutating func run(textIsASCII: Bool) throws(InputError) {
        let bytes = source.bytes
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw InputError(path: source.path, position: LineColumn(line: 1, column: 1), reason: "libyaml could not start")
        }
        defer { yaml_parser_delete(&parser) }
        var failure: InputError?
        bytes.withUnsafeBufferPointer { buffer in
            let empty: [UInt8] = [0]
            empty.withUnsafeBufferPointer { fallback in
                let base = buffer.baseAddress ?? fallback.baseAddress!
                yaml_parser_set_input_string(&parser, base, buffer.count)
                var cursor = CharacterToByteCursor(bytes: buffer, byteOrderMarkLength: source.byteOrderMarkLength,
                                                   isASCII: textIsASCII)
                do throws(InputError) {
                    try consumeEvents(&parser, &cursor)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
    }

    private mutating func consumeEvents(_ parser: inout yaml_parser_t, _ cursor: inout CharacterToByteCursor) throws(InputError) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                throw parserError(parser, &cursor)
            }
            defer { yaml_event_delete(&event) }
            let start = Int32(cursor.offset(ofCharacter: Int(event.start_mark.index)))
            let end = Int32(cursor.offset(ofCharacter: Int(event.end_mark.index)))
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_END_EVENT:
                if let root = pending.popLast() { tree.documents.append(YAMLNode(root)) }
                pending.removeAll(keepingCapacity: true)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let style: YAMLScalarStyle = switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
                let anchor = scalar.anchor.map { String(cString: $0) }
                let contentStart = scalar.anchor != nil || scalar.tag != nil ? skipProperties(from: start, to: end) : start
                let valueStart = payloadStart(of: scalar, style: style, contentStart: Int(contentStart), end: Int(end))
                let node = append(YAMLNodeRecord(
                    kind: .scalar, style: style.rawValue, start: contentStart, end: end,
                    payloadStart: valueStart, payloadCount: Int32(scalar.length),
                    tag: intern(scalar.tag), anchor: intern(scalar.anchor)))
                if let anchor { anchors[anchor] = node }
                pending.append(node)
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let target = anchors[name] else {
                    throw InputError(file: source, offset: Int(start), reason: "undefined alias `\(name)`")
                }
                let node = append(YAMLNodeRecord(
                    kind: .alias, style: 0, start: start, end: end,
                    payloadStart: target, payloadCount: 0, tag: -1, anchor: intern(event.data.alias.anchor)))
                aliasExtra = Self.saturatingAdd(aliasExtra, (anchoredSize[target] ?? 1) - 1)
                pending.append(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let tagPointer = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                let anchorPointer = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                let flow = isMapping
                    ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                guard open.count < limits.maximumDepth else {
                    throw InputError(file: source, offset: Int(start),
                                     reason: "nesting deeper than \(limits.maximumDepth) levels")
                }
                let contentStart = anchorPointer != nil || tagPointer != nil ? skipProperties(from: start, to: end) : start
                let node = append(YAMLNodeRecord(
                    kind: isMapping ? .mapping : .sequence, style: flow ? 1 : 0, start: contentStart, end: contentStart,
                    payloadStart: 0, payloadCount: 0, tag: intern(tagPointer), anchor: intern(anchorPointer)))
                open.append((node, pending.count, anchorPointer.map { String(cString: $0) }, aliasExtra))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close(end: end)
            default:
                break
            }
        }
    }

    /// Where a scalar's value is kept: the source itself when the value is the text between its quotes
    /// (or the plain text) as written, which is most scalars; a copy in `scalarBytes` otherwise.
    private mutating func payloadStart(of scalar: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar,
                                       style: YAMLScalarStyle, contentStart: Int, end: Int) -> Int32 {
        let length = Int(scalar.length)
        guard let value = scalar.value, length > 0 else { return Int32(tree.scalarBytes.count) }
        let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
        let start = contentStart + quote
        if style == .plain || quote == 1, end - quote - start == length, start + length <= source.bytes.count {
            let same = source.bytes.withUnsafeBufferPointer { bytes in memcmp(bytes.baseAddress! + start, value, length) == 0 }
            if same { return Int32(-(start + 1)) }
        }
        let copied = Int32(tree.scalarBytes.count)
        tree.scalarBytes.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
        return copied
    }

    /// The offset after a node's `&anchor` and `!tag` properties (and the blanks after them).
    private func skipProperties(from start: Int32, to end: Int32) -> Int32 {
        let bytes = source.bytes
        var index = Int(start)
        let limit = min(Int(end), bytes.count)
        while index < limit, bytes[index] == UInt8(ascii: "&") || bytes[index] == UInt8(ascii: "!") {
            if bytes[index] == UInt8(ascii: "!"), index + 1 < limit, bytes[index + 1] == UInt8(ascii: "<") {
                while index < limit && bytes[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            }
            while index < limit, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            while index < limit, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        return Int32(min(index, limit))
    }

    private mutating func close(end: Int32) throws(InputError) {
        guard let (node, pendingStart, anchor, aliasExtraAtStart) = open.popLast() else { return }
        let childStart = tree.children.count
        let written = tree.records.count - Int(node)
        let size = aliasExtra == Int.max ? Int.max : Self.saturatingAdd(written, aliasExtra - aliasExtraAtStart)
        tree.children.append(contentsOf: pending[pendingStart...])
        pending.removeSubrange(pendingStart...)
        tree.records[Int(node)].end = end
        tree.records[Int(node)].payloadStart = Int32(childStart)
        tree.records[Int(node)].payloadCount = Int32(tree.children.count - childStart)
        let allowed = max(limits.maximumExpandedNodes, limits.aliasExpansionFactor * tree.records.count)
        if size > allowed {
            throw InputError(file: source, offset: Int(tree.records[Int(node)].start),
                             reason: "excessive aliasing: this node expands to more than \(allowed) nodes (an alias bomb?)")
        }
        if tree.records[Int(node)].kind == .mapping { try validateMapping(YAMLNode(node)) }
        if let anchor {
            anchors[anchor] = node
            anchoredSize[node] = size
        }
        pending.append(node)
    }

    /// Duplicate keys are an error (as in Compose); a merge key must merge mappings. Keys are compared as
    /// bytes in the arena (no strings are made): pairwise in small mappings, through a hash in large ones.
    private func validateMapping(_ node: YAMLNode) throws(InputError) {
        let record = tree.records[Int(node.index)]
        let start = Int(record.payloadStart)
        let count = Int(record.payloadCount) / 2
        func key(_ index: Int) -> Int32 { tree.children[start + 2 * index] }
        func duplicate(_ later: Int32, of first: Int32) -> InputError {
            let name = tree.string(YAMLNode(later)) ?? ""
            return InputError(file: source, offset: Int(tree.records[Int(later)].start),
                              reason: "duplicate key `\(name)` (first defined at \(tree.position(YAMLNode(first))))")
        }
        if count > 1 && count <= 16 {
            for later in 1..<count where tree.records[Int(key(later))].kind == .scalar {
                for first in 0..<later where tree.records[Int(key(first))].kind == .scalar && tree.sameText(tree.records[Int(key(first))], tree.records[Int(key(later))]) {
                    throw duplicate(key(later), of: key(first))
                }
            }
        } else if count > 16 {
            var firstByHash: [UInt64: [Int32]] = [:]
            for index in 0..<count where tree.records[Int(key(index))].kind == .scalar {
                let candidate = key(index)
                let hash = textHash(candidate)
                if let earlier = firstByHash[hash]?.first(where: { tree.sameText(tree.records[Int($0)], tree.records[Int(candidate)]) }) {
                    throw duplicate(candidate, of: earlier)
                }
                firstByHash[hash, default: []].append(candidate)
            }
        }
        for index in 0..<count where tree.isMergeKey(YAMLNode(key(index))) {
            let value = tree.resolved(YAMLNode(tree.children[start + 2 * index + 1]))
            let sources = tree.kind(value) == .sequence ? tree.items(value) : [value]
            for source in sources where tree.kind(tree.resolved(source)) != .mapping {
                throw InputError(file: self.source, offset: Int(tree.records[Int(key(index))].start),
                                 reason: "merge key `<<` must merge a mapping or a list of mappings")
            }
        }
    }

    private func textHash(_ node: Int32) -> UInt64 {
        let record = tree.records[Int(node)]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tree.payload(record) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    private mutating func append(_ record: YAMLNodeRecord) -> Int32 {
        tree.records.append(record)
        return Int32(tree.records.count - 1)
    }

    private mutating func intern(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return -1 }
        let name = String(cString: pointer)
        if let index = nameIndex[name] { return index }
        tree.names.append(name)
        let index = Int32(tree.names.count - 1)
        nameIndex[name] = index
        return index
    }

    private static func saturatingAdd(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }

    private func parserError(_ parser: yaml_parser_t, _ cursor: inout CharacterToByteCursor) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            return InputError(file: source, offset: Int(parser.problem_offset), reason: problem)
        }
        let mark = parser.problem_mark
        var reason = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            reason += " (\(context) at \(contextMark.line + 1):\(contextMark.column + 1))"
        }
        return InputError(path: source.path,
                          position: LineColumn(line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                          reason: reason)
    }
}
