import ComposeAuditCore
import ComposeAuditEngine
import Foundation
import Testing
@testable import compose_audit

/// `--recursive` and `--exclude` on every command that reads projects, compose files with other names, and a
/// broken project that does not hide the others.
@Suite("Many projects on every command")
struct ManyProjectsCommandTests {
    /// A repository: `shop` (the tsh-erp fixture), `blog` (a compose file with another name), `vendor-like`
    /// (excluded in tests), and the unreadable-project rule's own examples as `broken-N` and `fine-N`.
    static func repository() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ca-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Fixtures/tsh-erp", toPath: root.appendingPathComponent("shop").path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("blog"), withIntermediateDirectories: true)
        try "services:\n  blog:\n    image: ghost:5.96\n".write(to: root.appendingPathComponent("blog/compose.prod.yml"), atomically: true, encoding: .utf8)
        try "not: compose\n".write(to: root.appendingPathComponent("blog/compose-notes.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("examples/old"), withIntermediateDirectories: true)
        try "services:\n  x:\n    image: nginx\n    privileged: true\n".write(to: root.appendingPathComponent("examples/old/compose.yaml"), atomically: true, encoding: .utf8)
        for (kind, examples) in [("broken", UnreadableProject.rule.triggering), ("fine", UnreadableProject.rule.nonTriggering)] {
            for (index, example) in examples.enumerated() {
                let folder = root.appendingPathComponent("\(kind)-\(index)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (path, text) in example.files {
                    try text.filter { $0 != RuleExample.marker }.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
                }
            }
        }
        return root
    }

    @Test func aBrokenProjectIsAFindingAndTheOthersAreStillAudited() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runTool(["check", "--recursive", ".", "--format", "json", "--fail-on", "never"], in: root.path)
        #expect(result.status == 0, "the gate decides, and --fail-on never passes: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = (json["findings"] as? [[String: Any]]) ?? []
        let unreadable = findings.filter { $0["ruleId"] as? String == "CA003" }
        #expect(unreadable.map { $0["file"] as? String } == ["broken-0/compose.yaml"], "the rule's triggering example, and only it")
        #expect(unreadable.first?["line"] as? Int == 2 && unreadable.first?["column"] as? Int == 1)
        #expect(findings.contains { ($0["file"] as? String)?.hasPrefix("shop/") == true })
        #expect(result.stderr.contains("broken-0/compose.yaml:2:1: error: "))
        let gated = try runTool(["check", "--recursive", "."], in: root.path)
        #expect(gated.status == 1, "CA003 is high: the default gate fails")
        let alone = try runTool(["check", "broken-0"], in: root.path)
        #expect(alone.status == 2, "named alone, an unreadable project is an input error")
    }

    @Test func recursiveFindsOtherComposeNamesAndHonoursExclude() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let all = try runTool(["check", "--recursive", ".", "--fail-on", "never"], in: root.path)
        #expect(all.stdout.contains("== blog ==") && all.stdout.contains("== examples/old =="))
        #expect(!all.stdout.contains("compose-notes"), "a YAML file without services: is no project")
        let excluded = try runTool(["check", "--recursive", ".", "--exclude", "examples/**", "--exclude", "broken-*", "--fail-on", "never"], in: root.path)
        #expect(!excluded.stdout.contains("== examples/old ==") && !excluded.stdout.contains("broken-0") && excluded.stdout.contains("== shop =="))
        try "exclude: [\"examples/**\"]\n".write(to: root.appendingPathComponent(".compose-audit.yml"), atomically: true, encoding: .utf8)
        let configured = try runTool(["check", "--recursive", ".", "--fail-on", "never"], in: root.path)
        #expect(!configured.stdout.contains("== examples/old ==") && configured.stdout.contains("== blog =="))
    }

    /// Test inputs (Go's `testdata`, `fixtures`, `tests`...) are left out, said once on stderr; `--include-tests`
    /// brings them back, and a test folder named as the root is checked.
    @Test func projectsInTestFoldersAreLeftOutUnlessAsked() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["pkg/e2e/testdata/TestUp", "tests/resources/docker", "sentry/_integration-test/ca", "releases/latest"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "services:\n  t:\n    image: alpine\n".write(to: root.appendingPathComponent("\(folder)/compose.yaml"), atomically: true, encoding: .utf8)
        }
        try "services:\n  sut:\n    image: alpine:3.20\n".write(to: root.appendingPathComponent("blog/docker-compose.test.yml"), atomically: true, encoding: .utf8)
        let plain = try runTool(["check", "--recursive", ".", "--fail-on", "never"], in: root.path)
        #expect(!plain.stdout.contains("docker-compose.test.yml"), "a compose file named for tests")
        #expect(!plain.stdout.contains("== pkg/e2e/testdata/TestUp ==") && !plain.stdout.contains("== tests/resources/docker =="))
        #expect(!plain.stdout.contains("_integration-test"))
        #expect(plain.stdout.contains("== shop ==") && plain.stdout.contains("== releases/latest =="), "`latest` is no test folder")
        #expect(plain.stderr.contains("note: left out 4 compose projects in test folders (testdata, fixtures, tests, e2e, ...); --include-tests checks them"))
        let all = try runTool(["check", "--recursive", ".", "--include-tests", "--fail-on", "never"], in: root.path)
        #expect(all.stdout.contains("== pkg/e2e/testdata/TestUp ==") && all.stdout.contains("== tests/resources/docker =="))
        #expect(!all.stderr.contains("left out"))
        let named = try runTool(["check", "--recursive", "pkg/e2e/testdata", "--fail-on", "never"], in: root.path)
        #expect(named.stdout.contains("pkg/e2e/testdata/TestUp"), "\(named.stdout)\(named.stderr)")
    }

    @Test func fixAndBaselineTakeRecursive() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("broken-0"))
        let dryRun = try runTool(["fix", "--recursive", ".", "--unsafe-fixes"], in: root.path)
        #expect(dryRun.status == 1)
        #expect(dryRun.stdout.contains("+++ b/shop/docker-compose.yml") && dryRun.stdout.contains("+++ b/blog/compose.prod.yml"))
        let written = try runTool(["fix", "--recursive", ".", "--write", "--unsafe-fixes"], in: root.path)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try runTool(["fix", "--recursive", ".", "--unsafe-fixes"], in: root.path).status == 0, "a second fix changes nothing")
        let baseline = try runTool(["baseline", "create", "--recursive", "."], in: root.path)
        #expect(baseline.status == 0 && baseline.stderr.contains("projects to .compose-audit-baseline.json"), "\(baseline.stderr)")
        let check = try runTool(["check", "--recursive", ".", "--baseline", ".compose-audit-baseline.json"], in: root.path)
        #expect(check.status == 0, "every finding is in the baseline")
        let config = try runTool(["config", "--recursive", "."], in: root.path)
        #expect(config.status == 2 && config.stderr.contains("config prints one project's model"))
    }

    @Test func checkWritesToOutputWithTheShortFlag() throws {
        let folder = try temporaryCopy(of: "twlan")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = try runTool(["check", "-o", "report.json", "--format", "json", "--fail-on", "never"], in: folder.path)
        #expect(result.status == 0 && result.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.json").path))
    }
}

/// `--recursive` looks into files named like compose files for a `services:` line, whatever their line endings.
@Suite("Compose file discovery")
struct ComposeFileDiscoveryTests {
    @Test(arguments: [
        ("services:\n  a:\n    image: nginx:1.27\n", true),
        ("name: shop\r\nservices:\r\n  a:\r\n    image: nginx:1.27\r\n", true),
        ("\u{FEFF}services:\n  a: {}\n", true),
        ("x-note: services:\nplugins: []\n", false),
    ])
    func aServicesLineIsFound(text: String, declares: Bool) {
        let fileSystem = InMemoryFileSystem(files: ["compose.prod.yml": text])
        #expect(ProjectDiscovery.declaresServices("compose.prod.yml", fileSystem: fileSystem) == declares)
    }
}
