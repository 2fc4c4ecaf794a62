/// Where `${VAR}` values come from: the process environment first, then the project's `.env`.
public struct VariableScope: Sendable {
    public var environment: [String: String]
    public var dotEnv: [String: String]

    public init(environment: [String: String] = [:], dotEnv: [String: String] = [:]) {
        self.environment = environment
        self.dotEnv = dotEnv
    }

    public func value(of name: String) -> String? { environment[name] ?? dotEnv[name] }

    public static let empty = VariableScope()
}

/// One `$VAR` / `${VAR...}` reference found in a value.
public struct VariableReference: Sendable, Hashable {
    public enum Modifier: Sendable, Hashable {
        case none
        /// `:-` (`emptyCounts` true) or `-`
        case defaultValue(emptyCounts: Bool)
        /// `:?` or `?`
        case required(emptyCounts: Bool)
        /// `:+` or `+`
        case alternative(emptyCounts: Bool)
    }

    public var name: String
    public var modifier: Modifier
    /// Whether the scope defines the variable.
    public var isDefined: Bool

    /// A reference that yields nothing useful when the variable is missing: no default, no alternative.
    public var isUnresolved: Bool {
        guard !isDefined else { return false }
        if case .none = modifier { return true }
        if case .required = modifier { return true }
        return false
    }
}

/// The result of interpolating one string.
public struct Interpolated: Sendable, Equatable {
    public var value: String
    public var references: [VariableReference]

    public var hasVariables: Bool { !references.isEmpty }
}

public struct InterpolationError: Error, Sendable, Equatable {
    public var reason: String
}

/// Compose's `$` syntax: `$$`, `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`,
/// `${VAR:+a}`, `${VAR+a}`, with nested templates inside defaults.
public enum Interpolation {
    public static func interpolate(_ text: String, in scope: VariableScope) throws(InterpolationError) -> Interpolated {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return Interpolated(value: text, references: []) }
        var parser = TemplateParser(bytes: Array(text.utf8), scope: scope)
        let value = try parser.parseUntil(terminator: nil)
        return Interpolated(value: value, references: parser.references)
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) }
}

struct TemplateParser {
    let bytes: [UInt8]
    let scope: VariableScope
    var index = 0
    var references: [VariableReference] = []

    init(bytes: [UInt8], scope: VariableScope) {
        self.bytes = bytes
        self.scope = scope
    }

    /// Parses text up to an unmatched `}` (inside a `${...}` modifier) or the end.
    mutating func parseUntil(terminator: UInt8?) throws(InterpolationError) -> String {
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if let terminator, byte == terminator { return String(decoding: output, as: UTF8.self) }
            guard byte == UInt8(ascii: "$") else {
                output.append(byte)
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch next {
            case UInt8(ascii: "$"):
                output.append(byte)
                index += 2
            case UInt8(ascii: "{"):
                index += 2
                output.append(contentsOf: try parseBraced().utf8)
            case let start? where Interpolation.isNameStart(start):
                index += 1
                let name = readName()
                let value = scope.value(of: name)
                references.append(VariableReference(name: name, modifier: .none, isDefined: value != nil))
                output.append(contentsOf: (value ?? "").utf8)
            default:
                output.append(byte)
                index += 1
            }
        }
        if terminator != nil { throw InterpolationError(reason: "unclosed `${` in \"\(String(decoding: bytes, as: UTF8.self))\"") }
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func readName() -> String {
        let start = index
        while index < bytes.count && Interpolation.isNameByte(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private var template: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func parseBraced() throws(InterpolationError) -> String {
        guard index < bytes.count, Interpolation.isNameStart(bytes[index]) else {
            throw InterpolationError(reason: "invalid template: \"\(template)\"")
        }
        let name = readName()
        guard index < bytes.count else { throw InterpolationError(reason: "unclosed `${` in \"\(template)\"") }
        let value = scope.value(of: name)
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            references.append(VariableReference(name: name, modifier: .none, isDefined: value != nil))
            return value ?? ""
        }
        var emptyCounts = false
        if bytes[index] == UInt8(ascii: ":") {
            emptyCounts = true
            index += 1
        }
        guard index < bytes.count else { throw InterpolationError(reason: "unclosed `${` in \"\(template)\"") }
        let operatorByte = bytes[index]
        index += 1
        let modifier: VariableReference.Modifier
        switch operatorByte {
        case UInt8(ascii: "-"): modifier = .defaultValue(emptyCounts: emptyCounts)
        case UInt8(ascii: "?"): modifier = .required(emptyCounts: emptyCounts)
        case UInt8(ascii: "+"): modifier = .alternative(emptyCounts: emptyCounts)
        default: throw InterpolationError(reason: "invalid template: \"\(template)\"")
        }
        let argument = try parseUntil(terminator: UInt8(ascii: "}"))
        index += 1
        references.append(VariableReference(name: name, modifier: modifier, isDefined: value != nil))
        let isSet = value != nil && !(emptyCounts && value == "")
        switch modifier {
        case .defaultValue: return isSet ? (value ?? "") : argument
        case .alternative: return isSet ? argument : ""
        case .required, .none: return value ?? ""
        }
    }
}
