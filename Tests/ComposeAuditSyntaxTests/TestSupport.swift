import ComposeAuditCore
import Foundation

/// Paths of the repository and the shared test data beside it.
enum TestPaths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let shared = packageRoot + "/../shared"

    /// Time bounds are for a debug build; `make sanitize` sets CA_TIME_SCALE because sanitizers slow code down.
    static let timeScale = Double(ProcessInfo.processInfo.environment["CA_TIME_SCALE"] ?? "") ?? 1
    static let edge = shared + "/corpus-edge"
    static let corpus = shared + "/corpus"

    static func source(_ path: String) throws -> SourceFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SourceFile(path: path, bytes: Array(data))
    }

    static func edgeSource(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: edge + "/" + relative))
        return SourceFile(path: relative, bytes: Array(data))
    }

    /// Every file of the real-world corpus of one kind (`compose`, `dockerfile`, `dockerignore`, `env`, `nginx`).
    static func corpusFiles(kind: String) -> [String] {
        guard let table = try? String(contentsOfFile: corpus + "/FILES.tsv", encoding: .utf8) else { return [] }
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 2, columns[2] == kind else { return nil }
            return "\(columns[0])/\(columns[1])"
        }
    }
}
