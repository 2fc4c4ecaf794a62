import Foundation
import Testing

/// `--select`, `--extend-select` and `--ignore` on `check`, `fix` and `baseline create`, and typos in them or in
/// `.compose-audit.yml`: an error with a suggestion, exit 2, in the tool's one error style.
@Suite("Rule selection on the command line")
struct RuleSelectionCommandTests {
    @Test func checkSelectsByCategoryAndIgnoresByName() throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "--select", "security,CA301", "--ignore", "no-new-privileges-missing",
                                  "--quiet", "--statistics"])
        let ids = Set(result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first })
        #expect(result.status == 1)
        #expect(ids.contains("CA301") && ids.contains("CA209") && !ids.contains("CA205") && !ids.contains("CA303"), "\(ids)")
    }

    /// The `hardening` set runs only when named, on `check` and on `fix` (where `--select` also narrows the fixes).
    @Test func theHardeningSetIsOptIn() throws {
        let plain = try runTool(["check", "Fixtures/twlan", "--fail-on", "never"])
        let hardened = try runTool(["check", "Fixtures/twlan", "--fail-on", "never", "--extend-select", "hardening"])
        #expect(!plain.stdout.contains("CA219") && !plain.stdout.contains("CA220"))
        #expect(hardened.stdout.contains("CA219") && hardened.stdout.contains("CA220") && hardened.stdout.contains("CA205"))
        let fix = try runTool(["fix", "Fixtures/twlan", "--select", "hardening", "--unsafe-fixes"])
        #expect(fix.status == 1, "a dry run that would change files: \(fix.stderr)")
        let added = fix.stdout.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        #expect(added.contains { $0.contains("cap_drop") } && added.contains { $0.contains("read_only: true") })
        #expect(added.allSatisfy { $0.contains("cap_drop") || $0.contains("- ALL") || $0.contains("read_only: true") }, "\(added)")
    }

    @Test(arguments: [
        (["check", "Fixtures/tsh-erp", "--select", "foo"], "error: --select: unknown rule `foo`"),
        (["check", "Fixtures/tsh-erp", "--ignore", "CA4O5"], "did you mean `CA405`?"),
        (["fix", "Fixtures/tsh-erp", "--select", "nonsense"], "error: --select: unknown rule `nonsense`"),
        (["baseline", "create", "Fixtures/tsh-erp", "--extend-select", "CA99"], "error: --extend-select: unknown rule `CA99`"),
    ])
    func unknownRulesOnTheCommandLineAreUsageErrors(arguments: [String], message: String) throws {
        let result = try runTool(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: "), "one error style: \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aTypoInTheConfigurationIsAnErrorAtItsPlace() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try "select: [CA2, foo]\n".write(to: folder.appendingPathComponent(".compose-audit.yml"), atomically: true, encoding: .utf8)
        for command in [["check"], ["fix"], ["baseline", "create"], ["check", "--fail-on", "never"]] {
            let result = try runTool(command, in: folder.path)
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.hasPrefix(".compose-audit.yml:1:15: error: unknown rule `foo`"), "\(command): \(result.stderr)")
        }
    }

    @Test func fixSelectsByName() throws {
        let result = try runTool(["fix", "Fixtures/tsh-erp", "--unsafe-fixes", "--select", "no-new-privileges-missing"])
        #expect(result.status == 1, "a diff means something would change")
        #expect(result.stdout.contains("no-new-privileges:true"))
        #expect(!result.stdout.contains("max-size"), "log rotation (CA303) is not selected")
    }
}
