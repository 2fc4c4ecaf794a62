import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Report formats")
struct FormatTests {
    static let extensions = ["text": "txt", "json": "json", "sarif": "sarif", "markdown": "md", "github": "github.txt",
                             "junit": "junit.xml", "gitlab": "gitlab.json", "checkstyle": "checkstyle.xml"]

    /// The seed project through the binary in every format. SARIF has no golden here (it carries every rule's
    /// documentation: thousands of lines nobody reviews); its layout is the reporter's own golden, and its
    /// results are checked below and against the schema in `make oracle-test`.
    @Test(arguments: ["text", "json", "sarif", "markdown", "github", "junit", "gitlab", "checkstyle"])
    func everyFormatMatchesItsGolden(_ format: String) throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "--format", format, "--fail-on", "never"])
        #expect(result.status == 0)
        if format == "sarif" {
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let run = (json?["runs"] as? [[String: Any]])?.first
            let results = run?["results"] as? [[String: Any]] ?? []
            let summary = try runTool(["check", "Fixtures/tsh-erp", "--format", "json", "--fail-on", "never"])
            let findings = (try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])?["findings"] as? [Any]
            #expect(json?["version"] as? String == "2.1.0")
            #expect(results.count == findings?.count && !results.isEmpty)
            #expect(results.contains { ($0["relatedLocations"] as? [Any])?.isEmpty == false }, "CA501 points at the mount it needs")
        } else {
            #expect(try matchesGolden(result.stdout, "formats/tsh-erp.\(Self.extensions[format] ?? format)"))
        }
        if ["json", "sarif", "gitlab"].contains(format) {
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "valid JSON")
        }
        if ["junit", "checkstyle"].contains(format) {
            let parser = XMLParser(data: Data(result.stdout.utf8))
            #expect(parser.parse(), "well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }

    @Test func githubAnnotationsEscapeTheirProperties() throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "--format", "github", "--fail-on", "never"])
        let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(lines.count == 22, "one annotation a cause: 35 findings, 13 of them repeats in other services")
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice file=") })
        #expect(lines.contains { $0.contains("title=CA101 stateful-service-without-volume::[critical]") })
    }

    @Test func outputWritesTheReportToAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("audit.sarif").path
        let result = try runTool(["check", "Fixtures/tsh-erp", "--format", "sarif", "--output", path])
        #expect(result.status == 1, "the gate still decides the exit code")
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"version\" : \"2.1.0\""))
    }
}

@Suite("Gate and configuration on the command line")
struct GateConfigurationTests {
    func project(_ config: String?) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n".write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: folder.appendingPathComponent(".compose-audit.yml"), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func configuredGateAndCommandLineOverride() throws {
        let strict = try project(nil)
        defer { try? FileManager.default.removeItem(at: strict) }
        #expect(try runTool(["check"], in: strict.path).status == 1, "CA209 is high: the default gate fails")
        let lenient = try project("fail-on: critical\n")
        defer { try? FileManager.default.removeItem(at: lenient) }
        #expect(try runTool(["check"], in: lenient.path).status == 0)
        #expect(try runTool(["check", "--fail-on", "high"], in: lenient.path).status == 1, "the command line wins")
        let scored = try project("fail-on: never\nmin-score: 9.9\n")
        defer { try? FileManager.default.removeItem(at: scored) }
        #expect(try runTool(["check"], in: scored.path).status == 1)
        let broken = try project("fail_on: high\n")
        defer { try? FileManager.default.removeItem(at: broken) }
        let result = try runTool(["check"], in: broken.path)
        #expect(result.status == 2 && result.stderr.hasPrefix(".compose-audit.yml:1:1: error: unknown key `fail_on`"))
    }
}
