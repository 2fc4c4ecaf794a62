import ComposeAuditCore

/// A directive of an nginx configuration: its name, arguments and the block path it sits in.
public struct NginxDirective: Sendable, Hashable {
    public var name: String
    public var arguments: [String]
    /// Names of the enclosing blocks with their first argument (`http`, `server`, `location /static/`).
    public var context: [String]
    public var range: TextRange
}

/// nginx's configuration syntax read just far enough to know which paths it serves.
public struct NginxConfig: Sendable {
    public var source: SourceFile
    public var directives: [NginxDirective]

    /// Folders served from disk: every `root` and `alias` argument.
    public var servedPaths: [NginxDirective] {
        directives.filter { ($0.name == "root" || $0.name == "alias") && !$0.arguments.isEmpty }
    }

    public static func parse(_ source: SourceFile) -> NginxConfig {
        var directives: [NginxDirective] = []
        var context: [String] = []
        var words: [String] = []
        var start: Int?
        var tokenizer = NginxTokenizer(bytes: source.bytes)
        while let token = tokenizer.next() {
            switch token.kind {
            case .word:
                if words.isEmpty { start = token.range.start }
                words.append(token.text)
            case .semicolon:
                if let name = words.first {
                    directives.append(NginxDirective(name: name, arguments: Array(words.dropFirst()), context: context,
                                                     range: TextRange(start: start ?? token.range.start, end: token.range.end)))
                }
                words.removeAll()
            case .open:
                context.append(words.prefix(2).joined(separator: " "))
                words.removeAll()
            case .close:
                if !context.isEmpty { context.removeLast() }
                words.removeAll()
            }
        }
        return NginxConfig(source: source, directives: directives)
    }
}

struct NginxToken {
    enum Kind { case word, semicolon, open, close }
    var kind: Kind
    var text: String
    var range: TextRange
}

struct NginxTokenizer {
    let bytes: [UInt8]
    var index = 0

    mutating func next() -> NginxToken? {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            } else {
                break
            }
        }
        guard index < bytes.count else { return nil }
        let start = index
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: ";"): index += 1; return NginxToken(kind: .semicolon, text: ";", range: TextRange(start: start, end: index))
        case UInt8(ascii: "{"): index += 1; return NginxToken(kind: .open, text: "{", range: TextRange(start: start, end: index))
        case UInt8(ascii: "}"): index += 1; return NginxToken(kind: .close, text: "}", range: TextRange(start: start, end: index))
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            index += 1
            var value: [UInt8] = []
            while index < bytes.count && bytes[index] != byte {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                value.append(bytes[index])
                index += 1
            }
            index = min(index + 1, bytes.count)
            return NginxToken(kind: .word, text: String(decoding: value, as: UTF8.self), range: TextRange(start: start, end: index))
        default:
            while index < bytes.count {
                let current = bytes[index]
                if current == 0x20 || current == 0x09 || current == 0x0A || current == 0x0D || current == UInt8(ascii: ";")
                    || current == UInt8(ascii: "{") || current == UInt8(ascii: "}") { break }
                index += 1
            }
            return NginxToken(kind: .word, text: String(decoding: bytes[start..<index], as: UTF8.self),
                              range: TextRange(start: start, end: index))
        }
    }
}
