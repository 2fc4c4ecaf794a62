import Foundation
import Testing

/// SIGKILL at random moments of `fix --write`: every file must be its old text or its new text.
@Suite("Fix under SIGKILL")
struct KillTests {
    @Test func everyFileIsOldOrNewAfterAKill() throws {
        let fixed = ["docker-compose.yml", "Dockerfile", ".dockerignore"]
        let original = Dictionary(uniqueKeysWithValues: try fixed.map { ($0, try Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot + "/Fixtures/tsh-erp/" + $0))) })
        let expected = Dictionary(uniqueKeysWithValues: try fixed.map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot + "/Fixtures/expected/tsh-erp.fixed/" + $0)))
        })
        // How long an undisturbed run takes, so kill points spread over all of it, writes included.
        let probe = try temporaryCopy(of: "tsh-erp")
        let probeRun = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: probe.path)
        #expect(probeRun.status == 0, "fix --write: \(probeRun.stderr)")
        let undisturbed = probeRun.seconds
        try? FileManager.default.removeItem(at: probe.deletingLastPathComponent())
        let window = UInt32(min(max(undisturbed * 1.5, 0.01), 3.0) * 1_000_000)
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        var outcomes: [String: Int] = ["old": 0, "new": 0]
        var leftoversCleaned = 0
        for _ in 0..<200 {
            let folder = try temporaryCopy(of: "tsh-erp")
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Paths.executable)
            process.arguments = ["fix", ".", "--write", "--unsafe-fixes"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...window, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            for path in fixed {
                let data = try Data(contentsOf: folder.appendingPathComponent(path))
                let isOld = data == original[path]
                let isNew = data == expected[path]
                #expect(isOld || isNew, "\(path) is neither the old nor the new text after a kill")
                outcomes[isNew ? "new" : "old", default: 0] += 1
            }
            // A kill between staging and renaming leaves a temporary file: the next run removes it.
            if try Self.temporaries(in: folder).count > 0 {
                let written = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: folder.path)
                #expect(written.status == 0, "fix --write: \(written.stderr)")
                #expect(try Self.temporaries(in: folder).isEmpty, "the next run removes what a killed run left")
                leftoversCleaned += 1
            }
        }
        #expect(killedMidway > 50, "enough kill points landed while the process ran (\(killedMidway))")
        #expect((outcomes["new"] ?? 0) > 0 && (outcomes["old"] ?? 0) > 0, "kill points before and after the writes")
        print("kill test: 200 runs, \(killedMidway) killed before exiting, files old/new: \(outcomes["old"] ?? 0)/\(outcomes["new"] ?? 0), "
              + "\(leftoversCleaned) runs left temporary files that the next run removed")
    }

    static func temporaries(in folder: URL) throws -> [String] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        return names.filter { $0.contains(".compose-audit-") }
    }
}
