import ComposeAuditCore
import Foundation

/// Paths of the repository, its bundled test data, and the external corpus (`make corpus-test`).
enum TestPaths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Time bounds are for a debug build; `make sanitize` sets CA_TIME_SCALE because sanitizers slow code down.
    static let timeScale = Double(ProcessInfo.processInfo.environment["CA_TIME_SCALE"] ?? "") ?? 1
    /// The awkward inputs written for this project, bundled so that `make test` needs nothing beside the clone.
    static let edge = packageRoot + "/Tests/Fixtures/corpus-edge"
    static let corpus = (ExternalCorpus.root ?? "/nonexistent") + "/corpus"

    static func source(_ path: String) throws -> SourceFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SourceFile(path: path, bytes: Array(data))
    }

    static func edgeSource(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: edge + "/" + relative))
        return SourceFile(path: relative, bytes: Array(data))
    }

    /// Every file of the real-world corpus of one kind (`compose`, `dockerfile`, `dockerignore`, `env`, `nginx`).
    /// Throws when the corpus has no readable `FILES.tsv`: a missing corpus is an error, never an empty pass.
    static func corpusFiles(kind: String) throws -> [String] {
        let table = try String(contentsOfFile: corpus + "/FILES.tsv", encoding: .utf8)
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 2, columns[2] == kind else { return nil }
            return "\(columns[0])/\(columns[1])"
        }
    }
}

/// The real-world corpus lives outside the repository (`../shared` in this project's CI). Its tests run only when
/// `COMPOSE_AUDIT_SHARED` names the folder that holds `corpus/` and `corpus-edge/` (`make corpus-test` sets it);
/// a bare clone's `swift test` shows them as skipped.
enum ExternalCorpus {
    static let root = ProcessInfo.processInfo.environment["COMPOSE_AUDIT_SHARED"].flatMap { $0.isEmpty ? nil : $0 }
    static let isConfigured = root != nil
}
