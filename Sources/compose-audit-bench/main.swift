// compose-audit-bench: the YAML layer alone (parse into the node arena, nothing else), timed in process.
// usage: compose-audit-bench yaml FILE [REPEAT] | dockerfile FILE [REPEAT]
// Prints the median milliseconds of REPEAT runs on stdout (the file is read once, before timing).
import ComposeAuditCore
import ComposeAuditSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func milliseconds(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) * 1000 + Double(end.tv_nsec - start.tv_nsec) / 1_000_000
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["yaml", "dockerfile"].contains(arguments[1]) else {
    print("usage: compose-audit-bench yaml|dockerfile FILE [REPEAT]")
    exit(2)
}
let repeats = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
let bytes: [UInt8]
do {
    bytes = try LocalFileSystem(root: ".", maximumFileSize: 1 << 30).contents(of: arguments[2])
} catch {
    print("error: \(error)")
    exit(2)
}
let source = SourceFile(path: arguments[2], bytes: bytes)
var times: [Double] = []
var nodes = 0
for _ in 0..<repeats {
    times.append(milliseconds {
        do {
            if arguments[1] == "yaml" {
                nodes = try YAMLParser.parse(source, limits: YAMLLimits(maximumExpandedNodes: Int.max / 4)).nodeCount
            } else {
                nodes = try DockerfileParser.parse(source).instructions.count
            }
        } catch {
            print("error: \(error)")
            exit(2)
        }
    })
}
times.sort()
print("\(times[times.count / 2]) \(nodes)")
