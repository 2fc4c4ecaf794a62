import Foundation
import Testing

/// Faults around the files: a full disk during `fix --write`, files that cannot be read, and the
/// temporary files a killed run leaves behind. The project must be left exactly as it was.
@Suite("Faults")
struct FaultTests {
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: url)
            } else {
                result[path + "/"] = Data()
            }
        }
        return result
    }

    /// The file size limit (`ulimit -f`, EFBIG) stands in for a full disk: writes fail part way.
    @Test(.disabled(if: ProcessInfo.processInfo.environment["CA_SANITIZER"] == "thread",
                    "ThreadSanitizer's own runtime cannot start under a 2 KB file size limit"))
    func aFullDiskLeavesTheProjectAsItWas() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let before = try Self.snapshot(folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" fix --write --unsafe-fixes", Paths.executable]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("write failed") && message.contains("no file was changed"), "\(message)")
        #expect(try Self.snapshot(folder) == before, "no byte changed, no temporary file or folder left")
    }

    @Test func aFolderOrADanglingLinkWhereTheComposeFileShouldBe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-fault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.yaml").path, withDestinationPath: "missing.yaml")
        let directory = try runTool(["check", "-f", "dir.yaml"], in: folder.path)
        #expect(directory.status == 2 && directory.stderr.contains("dir.yaml") && directory.stderr.contains("not a regular file"), "\(directory.stderr)")
        let dangling = try runTool(["check", "-f", "gone.yaml"], in: folder.path)
        #expect(dangling.status == 2 && dangling.stderr.contains("gone.yaml"), "\(dangling.stderr)")
    }

    /// Permission bits do not stop root, so this case runs only for other users.
    @Test(.enabled(if: getuid() != 0, "root reads files whatever their mode"))
    func anUnreadableFileIsAnInputError() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer {
            chmod(folder.appendingPathComponent("docker-compose.yml").path, 0o644)
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
        }
        chmod(folder.appendingPathComponent("docker-compose.yml").path, 0o000)
        let result = try runTool(["check", "."], in: folder.path)
        #expect(result.status == 2 && result.stderr.contains("docker-compose.yml"), "\(result.stderr)")
    }

    @Test func temporaryFilesOfDeadRunsAreRemovedOthersKept() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = ".docker-compose.yml.compose-audit-\(finished.processIdentifier)-AbCdEf"
        let alive = ".docker-compose.yml.compose-audit-\(getpid())-GhIjKl"
        for name in [dead, alive] { try Data("partial".utf8).write(to: folder.appendingPathComponent(name)) }
        let result = try runTool(["fix", ".", "--write"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(dead).path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(alive).path))
    }
}
