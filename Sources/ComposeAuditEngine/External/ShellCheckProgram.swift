import ComposeAuditCore
import Foundation

/// The `shellcheck` program found on `PATH`: each batch of scripts is written to a private temporary folder
/// and read by one `shellcheck --format=json1` run, which is killed after a minute.
public struct ShellCheckProgram: ShellScriptChecker {
    public let executable: String

    /// Sourced files are not in the image's build context as ShellCheck would look for them (SC1090, SC1091), and
    /// a variable a script reads may come from an `ARG`, an `ENV` or the base image (SC2154).
    static let excluded = ["SC1090", "SC1091", "SC2154"]
    /// Scripts per run, well under any argument-list limit.
    static let batchSize = 400
    static let timeout: TimeInterval = 60

    public init(executable: String) { self.executable = executable }

    /// The first executable `shellcheck` in the folders of `PATH`.
    public static func onPath(_ environment: [String: String]) -> ShellCheckProgram? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/shellcheck"
            if FileManager.default.isExecutableFile(atPath: candidate) { return ShellCheckProgram(executable: candidate) }
        }
        return nil
    }

    public func comments(on scripts: [ShellScript]) -> [[ShellCheckComment]]? {
        var all: [[ShellCheckComment]] = []
        var start = 0
        while start < scripts.count {
            let batch = Array(scripts[start..<min(start + Self.batchSize, scripts.count)])
            guard let found = run(batch) else { return nil }
            all += found
            start += batch.count
        }
        return all
    }

    private func run(_ scripts: [ShellScript]) -> [[ShellCheckComment]]? {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("compose-audit-shellcheck-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch { return nil }
        defer { try? fileManager.removeItem(at: folder) }
        var names: [String] = []
        for (index, script) in scripts.enumerated() {
            let name = "\(index).sh"
            guard (try? Data(script.text.utf8).write(to: folder.appendingPathComponent(name))) != nil else { return nil }
            names.append(name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--format=json1", "--norc", "--exclude=" + Self.excluded.joined(separator: ",")] + names
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.timeout, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        // 0: no comments, 1: comments; anything else is a failure of ShellCheck itself.
        guard process.terminationReason == .exit, [0, 1].contains(process.terminationStatus) else { return nil }
        return Self.parse(data, names: names)
    }

    struct Output: Decodable {
        struct Comment: Decodable {
            var file: String
            var line: Int
            var endLine: Int
            var column: Int
            var endColumn: Int
            var level: String
            var code: Int
            var message: String
        }

        var comments: [Comment]
    }

    /// `--format=json1` output, grouped by script in the order of `names`.
    static func parse(_ data: Data, names: [String]) -> [[ShellCheckComment]]? {
        guard let output = try? JSONDecoder().decode(Output.self, from: data) else { return nil }
        let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var grouped = Array(repeating: [ShellCheckComment](), count: names.count)
        for comment in output.comments {
            guard let index = positions[comment.file], let level = ShellCheckComment.Level(rawValue: comment.level) else { continue }
            grouped[index].append(ShellCheckComment(code: comment.code, level: level, message: comment.message, line: comment.line,
                                                    column: comment.column, endLine: comment.endLine, endColumn: comment.endColumn))
        }
        return grouped.map { $0.sorted { ($0.line, $0.column, $0.code) < ($1.line, $1.column, $1.code) } }
    }
}

/// Stands in for ShellCheck when it is not on `PATH`: remembers that a Dockerfile had scripts to check, so the
/// command line can say once that they were not checked.
public final class MissingShellCheck: ShellScriptChecker {
    private let asked = Locked(false)

    public init() {}

    public var wasAsked: Bool { asked.withLock { $0 } }

    public func comments(on scripts: [ShellScript]) -> [[ShellCheckComment]]? {
        if !scripts.isEmpty { asked.withLock { $0 = true } }
        return nil
    }
}
