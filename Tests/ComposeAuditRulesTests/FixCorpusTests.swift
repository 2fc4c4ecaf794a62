import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import ComposeAuditSyntax
import Foundation
import Testing

/// `fix --unsafe-fixes` over every compose file of the real-world corpus, in memory (nothing is written).
/// The corpus lives outside the repository: `make corpus-test` names it with `COMPOSE_AUDIT_SHARED`.
@Suite("fix over the real-world corpus", .enabled(if: ExternalCorpus.root != nil, "set COMPOSE_AUDIT_SHARED (make corpus-test)"))
struct FixCorpusTests {
    static let corpus = (ExternalCorpus.root ?? "/nonexistent") + "/corpus"

    /// Throws when the corpus has no readable `FILES.tsv`.
    static func composeFiles() throws -> [String] {
        let bytes = try LocalFileSystem(root: corpus).contents(of: "FILES.tsv")
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            return columns.count > 2 && columns[2] == "compose" ? "\(columns[0])/\(columns[1])" : nil
        }
    }

    /// Corpus files that Compose itself refuses, with the error compose-audit must give instead of a result.
    static let expectedErrors = [
        "compose-spec__compose-go/loader/testdata/compose-include-cycle.yaml": "include cycle detected",
        // `remote:` is a loader of compose-go's own tests; Docker Compose reads it as a local path that does not exist.
        "compose-spec__compose-go/loader/testdata/remote/cycle/compose.yaml": "remote:cycle/compose-cycle.yaml not found",
        "compose-spec__compose-go/loader/testdata/remote/cycle/compose-cycle.yaml": "remote:cycle/compose.yaml not found",
        "compose-spec__compose-go/loader/testdata/remote/nested/compose.yaml": "remote:nested/compose-nested.yaml not found",
    ]

    static func fix(_ file: String, on fileSystem: any FileSystem) throws -> FixOutcome {
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all), options: FixOptions(minimumApplicability: .unsafe))
        return try fixer.run(on: fileSystem) { fileSystem throws(ProjectLoader.LoadError) in
            try ProjectLoader(fileSystem: fileSystem).load(root: PathName.directory(of: file), files: [file])
        }
    }

    static func commentLines(_ bytes: [UInt8]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") { counts[String(trimmed).trimmingSuffix(), default: 0] += 1 }
        }
        return counts
    }

    @Test func everyFixParsesKeepsCommentsAndConverges() throws {
        let files = try Self.composeFiles()
        try #require(!files.isEmpty, "FILES.tsv lists no compose file")
        let local = LocalFileSystem(root: Self.corpus)
        var applied = 0
        var refusals: [String: Int] = [:]
        var byRule: [String: Int] = [:]
        for file in files {
            if let expected = Self.expectedErrors[file] {
                let error = #expect(throws: ProjectLoader.LoadError.self) { try Self.fix(file, on: local) }
                #expect(error?.description.contains(expected) == true, "\(file)")
                continue
            }
            let outcome = try Self.fix(file, on: local)
            applied += outcome.applied.count
            for fix in outcome.applied { byRule[fix.finding.ruleID, default: 0] += 1 }
            for refusal in outcome.refused { refusals["\(refusal.finding.ruleID): \(refusal.reason.prefix(400))", default: 0] += 1 }
            #expect(outcome.unconverged.isEmpty, "\(file): \(outcome.unconverged)")
            var overlay = OverlayFileSystem(base: local)
            for result in outcome.files {
                overlay.write(result.path, result.fixed)
                if result.path.hasSuffix(".yml") || result.path.hasSuffix(".yaml") {
                    #expect(throws: Never.self, "\(result.path)") {
                        try YAMLParser.parse(SourceFile(path: result.path, bytes: result.fixed))
                    }
                }
                if let original = result.original {
                    let before = Self.commentLines(original)
                    let after = Self.commentLines(result.fixed)
                    for (comment, count) in before { #expect((after[comment] ?? 0) >= count, "\(result.path): lost `\(comment)`") }
                }
            }
            let second = try Self.fix(file, on: overlay)
            #expect(second.files.isEmpty, "\(file): a second fix changes \(second.files.map(\.path))")
        }
        print("corpus fix: \(files.count) compose files, \(applied) fixes applied, \(refusals.values.reduce(0, +)) refused")
        for (rule, count) in byRule.sorted(by: { $0.key < $1.key }) { print("  applied \(rule): \(count)") }
        for (reason, count) in refusals.sorted(by: { $0.value > $1.value }) { print("  refused \(count)x \(reason)") }
    }
}

extension String {
    func trimmingSuffix() -> String {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}

/// The folder holding the real-world `corpus/`, named by `COMPOSE_AUDIT_SHARED` (`make corpus-test`); unset in a bare clone.
enum ExternalCorpus {
    static let root = ProcessInfo.processInfo.environment["COMPOSE_AUDIT_SHARED"].flatMap { $0.isEmpty ? nil : $0 }
}
