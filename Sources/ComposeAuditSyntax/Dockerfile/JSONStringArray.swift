/// Parses a JSON array of strings (Dockerfile exec form); nil when the text is anything else.
enum JSONStringArray {
    static func parse(_ text: String) -> [String]? {
        var bytes = Array(text.utf8)[...]
        func skipSpace() { while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() } }
        skipSpace()
        guard bytes.first == UInt8(ascii: "[") else { return nil }
        bytes = bytes.dropFirst()
        skipSpace()
        var result: [String] = []
        if bytes.first == UInt8(ascii: "]") {
            bytes = bytes.dropFirst()
            skipSpace()
            return bytes.isEmpty ? [] : nil
        }
        while true {
            skipSpace()
            guard let string = parseString(&bytes) else { return nil }
            result.append(string)
            skipSpace()
            guard let next = bytes.first else { return nil }
            bytes = bytes.dropFirst()
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { return nil }
        }
        skipSpace()
        return bytes.isEmpty ? result : nil
    }

    private static func parseString(_ bytes: inout ArraySlice<UInt8>) -> String? {
        guard bytes.first == UInt8(ascii: "\"") else { return nil }
        bytes = bytes.dropFirst()
        var output: [UInt8] = []
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.first else { return nil }
                bytes = bytes.dropFirst()
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard bytes.count >= 4, let value = UInt32(String(decoding: bytes.prefix(4), as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(value) else { return nil }
                    bytes = bytes.dropFirst(4)
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
                default: return nil
                }
            case 0x00..<0x20:
                guard byte == 0x09 else { return nil }
                output.append(byte)
            default:
                output.append(byte)
            }
        }
        return nil
    }
}
