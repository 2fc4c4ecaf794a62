import Foundation
import Testing
@testable import compose_audit

@Suite("Command line")
struct CommandLineTests {
    @Test func checkOnTheFixtureFailsTheDefaultGate() throws {
        let result = try runTool(["check", "Fixtures/tsh-erp"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Score: "))
        #expect(result.stdout.contains("Fixtures/tsh-erp/docker-compose.yml:27:3: critical CA101"))
        #expect(!result.stdout.contains("\u{1B}["), "no colors when piped")
    }

    @Test func gateOptions() throws {
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--fail-on", "never"]).status == 0)
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--fail-on", "never", "--min-score", "9.5"]).status == 1)
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--format", "bogus"]).status == 2)
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--min-score", "11"]).status == 2)
    }

    @Test func jsonAndSarifAreValidJSON() throws {
        for format in ["json", "sarif"] {
            let result = try runTool(["check", "Fixtures/tsh-erp", "--format", format, "--fail-on", "never"])
            #expect(result.status == 0)
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil)
        }
    }

    @Test func rulesAndExplain() throws {
        let rules = try runTool(["rules"])
        #expect(rules.status == 0 && rules.stdout.contains("CA101") && rules.stdout.contains("CA501"))
        let explain = try runTool(["explain", "CA201"])
        #expect(explain.status == 0 && explain.stdout.contains("Why it matters") && explain.stdout.contains("Bad ("))
        #expect(try runTool(["explain", "CA999"]).status == 2)
    }

    /// Bad input: one line naming file:line:col, exit 2, well under a second, no crash.
    @Test(arguments: [
        ("compose/c13-alias-bomb.yml", "excessive aliasing"),
        ("compose/c15-empty.yml", "empty compose file"),
        ("compose/c05-tab-indent.yml", "cannot start any token"),
        ("compose/c17-scalar-root.yml", "must be a mapping"),
        ("compose/c04-duplicate-keys.yml", "duplicate key"),
    ])
    func badComposeFilesExitWithTwo(_ file: String, _ reason: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Paths.edge + "/" + file, toPath: folder.appendingPathComponent("compose.yaml").path)
        let result = try runTool(["check", "."], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.hasPrefix("compose.yaml:"))
        #expect(result.stderr.range(of: #"^compose\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(result.stderr)")
        #expect(result.stderr.contains(reason))
    }

    @Test func notYAMLAtAll() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF, 0xFE]).write(to: folder.appendingPathComponent("compose.yaml"))
        let result = try runTool(["check"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.range(of: #"^compose\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(result.stderr)")
        let missing = try runTool(["check", "/nonexistent-folder-for-test"])
        #expect(missing.status == 2 && missing.stderr == "error: /nonexistent-folder-for-test: no such file or directory\n")
    }
}

/// `check` answers common command lines without the argument parser (start-up time); the result must be
/// the parser's, byte for byte. An option the quick path does not take (`--max-depth` at its default)
/// sends the same line through the parser. Each line is first shown to be one the quick path takes, so no
/// case compares the parser with itself.
@Suite("Quick check path")
struct QuickCheckPathTests {
    static let taken: [[String]] = [
        ["check", "Fixtures/tsh-erp"],
        ["check", "Fixtures/tsh-erp", "--fail-on", "never", "--format", "json"],
        ["check", "--fail-on=critical", "Fixtures/tsh-erp", "--min-score", "9.5", "--format", "markdown"],
        ["check", "--recursive", "Fixtures", "--format", "sarif", "--fail-on", "low"],
        ["check", "Fixtures/tsh-erp", "-f", "Fixtures/tsh-erp/docker-compose.yml", "--format", "github"],
        ["check", "Fixtures/tsh-erp", "Fixtures/twlan", "--format", "junit"],
        ["check", "Fixtures/no-such-folder"],
        ["check", "Fixtures/tsh-erp", "--baseline", "Fixtures/no-such-baseline.json"],
    ]

    @Test(arguments: taken)
    func quickPathMatchesTheParser(_ arguments: [String]) throws {
        #expect(CheckRequest.quickParse(["compose-audit"] + arguments) != nil, "the quick path declines \(arguments)")
        let quick = try runTool(arguments)
        let parsed = try runTool(arguments + ["--max-depth", "10000"])
        #expect(quick.status == parsed.status)
        #expect(quick.stdout == parsed.stdout)
        #expect(quick.stderr == parsed.stderr)
    }

    /// Lines with a bad value or a combination only the parser explains go to the parser.
    @Test(arguments: [
        ["check", "Fixtures/tsh-erp", "--format", "bogus"],
        ["check", "Fixtures/tsh-erp", "--min-score", "11"],
        ["check", "Fixtures/tsh-erp", "Fixtures/twlan", "-f", "compose.yaml"],
        ["check", "Fixtures/tsh-erp", "--max-depth", "10000"],
        ["check", "--", "Fixtures/tsh-erp"],
        ["rules"],
    ])
    func declinedLinesGoToTheParser(_ arguments: [String]) {
        #expect(CheckRequest.quickParse(["compose-audit"] + arguments) == nil, "the quick path takes \(arguments)")
    }
}
