import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import Testing

/// The text report prints a rule that fires on several services as one line; when some service has several
/// findings of the rule, the findings that stand at one place (a value shared through an `x-` anchor) still are one.
@Suite("Text grouping")
struct TextGroupingTests {
    static func lines(_ findings: [Finding]) -> [String] {
        let report = AuditReport(project: "p", sources: [SampleReport.source.path: SampleReport.source], findings: findings,
                                 tallies: [], score: Score(overall: 5, categories: [:]))
        return TextReporter().render(report).split(separator: "\n").map(String.init).filter { $0.contains("CA903") }
    }

    @Test func oneLinePerRuleWhenEachServiceFailsOnce() {
        let findings = ["web", "db"].map { SampleReport.finding(SampleReport.unpinned, "Service `\($0)`", at: "nginx", subject: "service:\($0)") }
        #expect(Self.lines(findings) == ["compose.yaml:3:12: medium   CA903 sample-unpinned in 2 services: web, db"])
    }

    @Test func oneLinePerSharedPlaceWhenAServiceFailsTwice() {
        var findings = ["web", "db"].map { SampleReport.finding(SampleReport.unpinned, "Service `\($0)`", at: "nginx", subject: "service:\($0)") }
        findings.append(SampleReport.finding(SampleReport.unpinned, "Service `web` again", at: "postgres", subject: "service:web"))
        #expect(Self.lines(findings) == [
            "compose.yaml:3:12: medium   CA903 sample-unpinned in 2 services: web, db",
            "compose.yaml:6:12: medium   CA903 Service `web` again",
        ])
    }
}
