/// How a YAML 1.2 core-schema loader (Go's yaml.v3, which Compose uses) types a scalar.
public enum YAMLScalarType: Sendable, Equatable {
    case string, null, bool, int, float, collection

    /// Quoted and block scalars are strings; plain ones are typed by their text; `!!str` forces a string.
    public static func of(_ node: YAMLNode, in tree: YAMLTree) -> YAMLScalarType {
        let target = tree.resolved(node)
        guard tree.kind(target) == .scalar else { return .collection }
        if tree.tag(target) == nil, tree.scalarStyle(target) == .plain {
            // Most keys start with a letter that no null, boolean or number starts with: no string needed.
            let range = tree.range(target)
            if range.length > 0 {
                let first = tree.source.bytes[range.start]
                if first >= UInt8(ascii: "A"), first != UInt8(ascii: "~"), !"tTfFnN".utf8.contains(first) { return .string }
            }
        }
        if tree.isNull(target) { return .null }
        if let tag = tree.tag(target) { return tag == "tag:yaml.org,2002:str" ? .string : typed(tree.string(target) ?? "") }
        guard tree.scalarStyle(target) == .plain else { return .string }
        return typed(tree.string(target) ?? "")
    }

    static func typed(_ text: String) -> YAMLScalarType {
        switch text {
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "-.inf", "+.Inf", "-.Inf", ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty else { return .string }
        func all(_ body: Substring.UTF8View.SubSequence, _ test: (UInt8) -> Bool) -> Bool { !body.isEmpty && body.allSatisfy(test) }
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        if all(bytes, isDigit) { return .int }
        if bytes.starts(with: "0o".utf8), all(bytes.dropFirst(2), { $0 >= 0x30 && $0 <= 0x37 }) { return .int }
        if bytes.starts(with: "0x".utf8),
           all(bytes.dropFirst(2), { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) }) {
            return .int
        }
        // [digits][.digits][e[+-]digits], at least one digit before the exponent.
        var rest = bytes
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fractionDigits = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fractionDigits)
        }
        guard !whole.isEmpty || fractionDigits > 0 else { return .string }
        if let e = rest.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "-") || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return .string }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty ? .float : .string
    }
}
