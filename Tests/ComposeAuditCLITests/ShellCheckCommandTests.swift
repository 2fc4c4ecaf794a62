import ComposeAuditEngine
import Foundation
import Testing

/// `check` without ShellCheck on PATH says so once, on stderr, and only when some Dockerfile had a `RUN` to check.
@Suite("ShellCheck on the command line")
struct ShellCheckCommandTests {
    static func project(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-shellcheck-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    static let compose = "services:\n  app:\n    build: .\n"
    static let note = "note: `shellcheck` is not on PATH"

    @Test func aMissingShellCheckIsSaidOnceForManyProjects() throws {
        let folder = try Self.project([
            "one/compose.yaml": Self.compose, "one/Dockerfile": "FROM debian:12\nRUN cd /x\n",
            "two/compose.yaml": Self.compose, "two/Dockerfile": "FROM debian:12\nRUN cd /y\nRUN cd /z\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runTool(["check", "--recursive", ".", "--fail-on", "never"], in: folder.path, environment: ["PATH": "/nonexistent"])
        #expect(result.status == 0)
        #expect(result.stderr.components(separatedBy: Self.note).count - 1 == 1, "\(result.stderr)")
        #expect(!result.stdout.contains("CA423"))
    }

    @Test func noNoteWithoutScriptsToCheck() throws {
        let folder = try Self.project(["compose.yaml": Self.compose, "Dockerfile": "FROM debian:12\nCOPY . /app\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runTool(["check", ".", "--fail-on", "never"], in: folder.path, environment: ["PATH": "/nonexistent"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains(Self.note), "\(result.stderr)")
    }

    /// `baseline create` runs CA423 as `check` does, so its findings are not new in a later `check --baseline`.
    @Test(.enabled(if: ShellCheckProgram.onPath(ProcessInfo.processInfo.environment) != nil, "shellcheck is not on PATH"))
    func aBaselineKeepsShellCheckFindings() throws {
        let folder = try Self.project(["compose.yaml": Self.compose, "Dockerfile": "FROM debian:12\nUSER nobody\nRUN cd /x; make\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try runTool(["check", ".", "--select", "CA423", "--fail-on", "low"], in: folder.path)
        #expect(before.status == 1 && before.stdout.contains("SC2164"), "\(before.stdout)")
        let create = try runTool(["baseline", "create", "--select", "CA423"], in: folder.path)
        #expect(create.status == 0, "\(create.stderr)")
        let after = try runTool(["check", ".", "--select", "CA423", "--fail-on", "low", "--baseline", ".compose-audit-baseline.json"], in: folder.path)
        #expect(after.status == 0 && !after.stdout.contains("SC2164"), "\(after.stdout)")
    }
}
