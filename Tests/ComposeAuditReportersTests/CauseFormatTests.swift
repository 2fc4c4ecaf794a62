import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import Foundation
import Testing

/// The machine formats show a cause once: a habit of two services (`web` at line 3, `db` at line 6) is one JSON entry
/// with each service's finding under `occurrences`, and one SARIF result naming the services, with `db`'s place as
/// a related location.
@Suite("One finding a cause in the machine formats")
struct CauseFormatTests {
    static var report: AuditReport {
        let habit = TextGroupingTests.habit
        let findings = [TextGroupingTests.finding(habit, "web", at: "nginx"), TextGroupingTests.finding(habit, "db", at: "postgres")]
        return AuditReport(project: "p", sources: [SampleReport.source.path: SampleReport.source], findings: findings,
                           tallies: [RuleTally(rule: habit, subjectCount: 2, failingSubjects: [:])], score: Score(overall: 5, categories: [:]))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonHasOneEntryWithEachServicesFinding() throws {
        let json = try Self.object(JSONReporter().render(Self.report))
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["services"] as? [String] == ["web", "db"])
        let occurrences = findings.first?["occurrences"] as? [[String: Any]] ?? []
        #expect(occurrences.map { $0["service"] as? String } == ["web", "db"])
        #expect(occurrences.map { $0["line"] as? Int } == [3, 6])
        #expect((json["summary"] as? [String: Int])?["medium"] == 1)
    }

    @Test func sarifHasOneResultWithTheOtherServicesPlace() throws {
        let json = try Self.object(ReportFormat.sarif.render(Self.report, rules: [TextGroupingTests.habit]))
        let results = try #require(((json["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.count == 1)
        #expect((results.first?["properties"] as? [String: Any])?["services"] as? [String] == ["web", "db"])
        let related = results.first?["relatedLocations"] as? [[String: Any]] ?? []
        let line = ((related.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
        #expect(related.count == 1 && line == 6, "\(related)")
        #expect(results.first?["fixes"] == nil, "a cause of two services has one fix a service, so the result carries none")
    }
}
