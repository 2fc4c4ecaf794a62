import Foundation
import Testing

/// Inputs the fuzzers found (Tests/fuzz/regressions/TARGET) replayed through their target, plus a short
/// seeded mutation pass over the edge corpus; both run the `compose-audit-fuzz` driver built beside the tool.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let driver = URL(fileURLWithPath: Paths.executable).deletingLastPathComponent().appendingPathComponent("compose-audit-fuzz").path
    static let targets = ["yaml", "compose", "dockerfile", "dockerignore", "fix"]

    static func run(_ arguments: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self), seconds: 0)
    }

    /// The crashers `make fuzz` saved for a target (Tests/fuzz/regressions/TARGET).
    static func regressions(of target: String) -> [String] {
        let folder = Paths.packageRoot + "/Tests/fuzz/regressions/" + target
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.map { folder + "/" + $0 }
    }

    /// Only targets with saved crashers are replayed: a target without any has nothing to assert.
    static let targetsWithRegressions = targets.filter { !regressions(of: $0).isEmpty }

    @Test func someCrashersAreSaved() {
        #expect(!Self.targetsWithRegressions.isEmpty, "Tests/fuzz/regressions holds no crasher: the replay below would test nothing")
    }

    @Test(arguments: targetsWithRegressions)
    func crashersStayFixed(_ target: String) throws {
        let result = try Self.run(["replay", target] + Self.regressions(of: target))
        #expect(result.status == 0, "\(target): \(result.stderr.suffix(600))")
        #expect(result.stdout.contains("\(Self.regressions(of: target).count) input"), "the driver replayed every input: \(result.stdout)")
    }

    @Test(arguments: targets)
    func shortMutationPass(_ target: String) throws {
        let kind = ["yaml": "compose", "compose": "compose", "fix": "compose"][target] ?? target
        let folder = Paths.edge + "/" + kind
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".md") }.sorted()
            .map { folder + "/" + $0 }.filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
                    && ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) < 200_000
            }
        let runs = target == "fix" ? "150" : "600"
        let result = try Self.run(["mutate", target, runs, "20261123"] + seeds)
        #expect(result.status == 0, "\(target): \(result.stderr.suffix(600))")
    }
}
