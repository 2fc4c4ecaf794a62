import ComposeAuditCore
import ComposeAuditSyntax
import Testing

/// The parsers over the real-world corpus (`make corpus-test`; skipped unless `COMPOSE_AUDIT_SHARED` is set).
@Suite("Parsers over the real-world corpus", .enabled(if: ExternalCorpus.isConfigured, "set COMPOSE_AUDIT_SHARED (make corpus-test)"))
struct SyntaxCorpusTests {
    @Test func scalarRangesSliceBackToTheirText() throws {
        let files = try TestPaths.corpusFiles(kind: "compose").map { TestPaths.corpus + "/" + $0 }
        try #require(!files.isEmpty, "FILES.tsv lists no compose file")
        let (checked, scalars) = try ScalarRangeCheck.run(files: files)
        #expect(checked > 0)
        #expect(checked == scalars)
    }

    @Test func everyDockerfileParses() throws {
        try Self.everyFile(of: "dockerfile") { _ = try DockerfileParser.parse($0) }
    }

    @Test func everyDockerignoreParses() throws {
        try Self.everyFile(of: "dockerignore") { _ = try DockerIgnore.parse($0) }
    }

    /// Parses every corpus file of a kind; none may throw.
    static func everyFile(of kind: String, parse: (SourceFile) throws -> Void) throws {
        let files = try TestPaths.corpusFiles(kind: kind)
        try #require(!files.isEmpty, "FILES.tsv lists no \(kind)")
        for relative in files {
            let source = try TestPaths.source(TestPaths.corpus + "/" + relative)
            #expect(throws: Never.self, "\(relative)") { try parse(source) }
        }
    }
}
