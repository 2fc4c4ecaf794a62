import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import Foundation
import Testing

/// Every format rendered in process from `SampleReport`, each against a short golden in `Goldens/`.
/// `UPDATE_GOLDENS=1` rewrites a golden and fails the test, so a re-recording is always reviewed.
@Suite("Reporter goldens")
struct ReporterGoldenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static let names: [ReportFormat: String] = [.text: "sample.txt", .json: "sample.json", .sarif: "sample.sarif", .markdown: "sample.md",
                                                .github: "sample.github.txt", .junit: "sample.junit.xml", .gitlab: "sample.gitlab.json",
                                                .checkstyle: "sample.checkstyle.xml"]

    @Test(arguments: ReportFormat.allCases)
    func formatMatchesItsGolden(_ format: ReportFormat) throws {
        let rendered = format.render(SampleReport.report, rules: SampleReport.rules)
        let path = Self.goldens.appendingPathComponent(Self.names[format] ?? format.rawValue)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try rendered.write(to: path, atomically: true, encoding: .utf8)
            Issue.record("golden re-recorded: review the diff of \(path.lastPathComponent), then run the tests again")
            return
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(rendered == expected, "\(path.lastPathComponent) differs:\n\(rendered)")
    }

    @Test(arguments: [ReportFormat.json, .sarif, .gitlab])
    func jsonFormatsParse(_ format: ReportFormat) throws {
        let rendered = format.render(SampleReport.report, rules: SampleReport.rules)
        #expect((try? JSONSerialization.jsonObject(with: Data(rendered.utf8))) != nil)
    }

    @Test func sampleScoreReflectsItsTallies() {
        let score = SampleReport.report.score
        #expect(score.categories[.security] != nil && score.categories[.build] != nil)
        #expect(score.overall < 10)
    }
}
