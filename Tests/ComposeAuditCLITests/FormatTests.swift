import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Report formats")
struct FormatTests {
    static let extensions = ["text": "txt", "json": "json", "sarif": "sarif", "markdown": "md", "github": "github.txt",
                             "junit": "junit.xml", "gitlab": "gitlab.json", "checkstyle": "checkstyle.xml"]

    @Test(arguments: ["text", "json", "sarif", "markdown", "github", "junit", "gitlab", "checkstyle"])
    func everyFormatMatchesItsGolden(_ format: String) throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "--format", format, "--fail-on", "never"])
        #expect(result.status == 0)
        #expect(try matchesGolden(result.stdout, "formats/tsh-erp.\(Self.extensions[format] ?? format)"))
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
        #expect(lines.count == 35)
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
