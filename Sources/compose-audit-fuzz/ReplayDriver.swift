#if !FUZZING
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComposeAuditCore

/// compose-audit-fuzz without libFuzzer: replays inputs through a fuzz target, or mutates seed inputs for
/// a bounded number of runs (a seeded random mutator; `make fuzz` uses libFuzzer instead).
///   compose-audit-fuzz replay TARGET FILE...
///   compose-audit-fuzz mutate TARGET RUNS SEED FILE...
@main
struct ReplayDriver {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else {
            print("usage: compose-audit-fuzz replay TARGET FILE... | mutate TARGET RUNS SEED FILE...")
            print("targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        switch arguments[0] {
        case "replay":
            for path in arguments.dropFirst(2) { target.run(read(path)) }
            print("\(arguments.count - 2) inputs replayed through \(target.rawValue)")
        case "mutate":
            guard arguments.count >= 5, let runs = Int(arguments[2]), let seed = UInt64(arguments[3]) else { exit(2) }
            var mutator = Mutator(seed: seed, inputs: arguments.dropFirst(4).map(read))
            for _ in 0..<runs { target.run(mutator.next()) }
            print("\(runs) mutated inputs through \(target.rawValue)")
        default:
            exit(2)
        }
    }

    static func read(_ path: String) -> [UInt8] {
        do {
            return try LocalFileSystem(root: ".", maximumFileSize: 64 << 20).contents(of: path)
        } catch {
            print("cannot read \(path): \(error)")
            exit(2)
        }
    }
}
#endif
