/// A small seeded mutator for replay-driver fuzzing: byte flips, inserted YAML/Dockerfile tokens,
/// deletions, duplicated lines and splices of two seeds. Deterministic for a given seed.
struct Mutator {
    private var state: UInt64
    private let inputs: [[UInt8]]
    static let tokens: [String] = ["&a ", "*a", "<<: *a", "{", "}", "[", "]", "\"", "'", "\t", "\\\n", "<<EOF\n", "EOF\n",
                                   "${", "$$", ":-", "!reset ", "!override ", "- ", ": ", "\n  ", "---\n", "#", "\u{FEFF}",
                                   "\r\n", "\0", "\u{200B}", "extends: ", "include:\n  - ", "x-", "? ", "|", ">-"]

    init(seed: UInt64, inputs: [[UInt8]]) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
        self.inputs = inputs.isEmpty ? [[]] : inputs
    }

    mutating func random(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return bound <= 0 ? 0 : Int(state % UInt64(bound))
    }

    mutating func next() -> [UInt8] {
        var bytes = inputs[random(inputs.count)]
        for _ in 0...random(4) {
            switch random(6) {
            case 0 where !bytes.isEmpty: bytes[random(bytes.count)] ^= UInt8(1 << random(8))
            case 1: bytes.insert(contentsOf: Array(Self.tokens[random(Self.tokens.count)].utf8), at: random(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                let start = random(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + random(16)))
            case 3 where !bytes.isEmpty:
                let start = random(bytes.count)
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                bytes.insert(contentsOf: bytes[start..<end], at: end)
            case 4:
                let other = inputs[random(inputs.count)]
                bytes = Array(bytes.prefix(random(bytes.count + 1))) + other.suffix(random(other.count + 1))
            default: bytes.append(UInt8(truncatingIfNeeded: random(256)))
            }
        }
        return bytes
    }
}
