import Foundation
import Testing

enum Paths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The awkward inputs written for this project, bundled so that `make test` needs nothing beside the clone.
    static let edge = packageRoot + "/Tests/Fixtures/corpus-edge"
    /// The folder holding the real-world `corpus/` (`make corpus-test` sets `COMPOSE_AUDIT_SHARED`; unset in a bare clone).
    static let shared = ProcessInfo.processInfo.environment["COMPOSE_AUDIT_SHARED"].flatMap { $0.isEmpty ? nil : $0 }

    /// Time bounds are for a debug build; `make sanitize` sets CA_TIME_SCALE because sanitizers slow code down.
    static let timeScale = Double(ProcessInfo.processInfo.environment["CA_TIME_SCALE"] ?? "") ?? 1

    /// The `compose-audit` executable built beside the test bundle.
    static let executable: String = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("compose-audit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return packageRoot + "/.build/debug/compose-audit"
    }()
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
}

/// Runs the built tool in `directory` and captures its output.
func runTool(_ arguments: [String], in directory: String = Paths.packageRoot, environment: [String: String] = [:]) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Paths.executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let start = Date()
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

/// Compares `actual` with a golden file under Fixtures/expected. `UPDATE_GOLDENS=1` rewrites the file and fails the
/// test all the same ("golden re-recorded: review the diff"): a run that records can never pass.
func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
    let path = Paths.packageRoot + "/Fixtures/expected/" + name
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("golden re-recorded: review the diff of Fixtures/expected/\(name), then run the tests again")
        return false
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    return expected == actual
}
