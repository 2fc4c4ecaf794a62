import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import Testing

/// One line a cause: findings of a rule at one place (a value services share through an `x-` anchor) are one line
/// naming the services; a habit rule's findings in a project are one line wherever they stand, and a project's
/// habits of several rules are one line together. Other rules' findings at different places stay apart.
@Suite("Text grouping")
struct TextGroupingTests {
    static var habit: RuleDescription {
        var rule = SampleReport.unpinned
        rule.isHabit = true
        return rule
    }

    static var otherHabit: RuleDescription {
        var rule = habit
        rule.id = "CA904"
        rule.name = "sample-habit"
        rule.severity = .low
        return rule
    }

    static func lines(_ findings: [Finding], rules: [RuleDescription] = []) -> [String] {
        let tallies = rules.map { RuleTally(rule: $0, subjectCount: 2, failingSubjects: [:]) }
        let report = AuditReport(project: "p", sources: [SampleReport.source.path: SampleReport.source], findings: findings,
                                 tallies: tallies, score: Score(overall: 5, categories: [:]))
        return TextReporter().render(report).split(separator: "\n").map(String.init).filter { $0.hasPrefix("compose.yaml") || $0.contains(" finding") }
    }

    static func finding(_ rule: RuleDescription, _ service: String, at text: String) -> Finding {
        SampleReport.finding(rule, "Service `\(service)` fails", at: text, subject: "service:\(service)")
    }

    @Test func findingsAtOnePlaceAreOneLineNamingTheServices() {
        let findings = ["web", "db"].map { Self.finding(SampleReport.unpinned, $0, at: "nginx") }
        #expect(Self.lines(findings) == [
            "compose.yaml:3:12: medium   CA903 Service `db` fails (shared by 2 services: `web`, `db`)",
            "1 finding (1 medium), 2 counting each service",
        ])
    }

    /// `--recursive` loads each other-named compose file of a folder alone: those projects share the folder but not
    /// their habits.
    @Test func projectsOfOneFolderKeepTheirOwnHabits() {
        var findings = ["web", "db"].map { Self.finding(Self.habit, $0, at: $0 == "web" ? "nginx" : "postgres") }
        findings[0].projectFile = "compose.proxy.yaml"
        findings[1].projectFile = "compose.postgres.yaml"
        #expect(ReportedCause.causes(of: findings, habits: [Self.habit.id]).map(\.services) == [["web"], ["db"]])
        findings[1].projectFile = "compose.proxy.yaml"
        #expect(ReportedCause.causes(of: findings, habits: [Self.habit.id]).map(\.services) == [["web", "db"]])
    }

    @Test func aRuleThatIsNoHabitKeepsEachPlace() {
        let findings = [Self.finding(SampleReport.unpinned, "web", at: "nginx"), Self.finding(SampleReport.unpinned, "db", at: "postgres")]
        #expect(Self.lines(findings) == [
            "compose.yaml:3:12: medium   CA903 Service `web` fails",
            "compose.yaml:6:12: medium   CA903 Service `db` fails",
            "2 findings (2 medium)",
        ])
    }

    @Test func aHabitIsOneLineWhereverItsFindingsStand() {
        let findings = [Self.finding(Self.habit, "web", at: "nginx"), Self.finding(Self.habit, "db", at: "postgres")]
        #expect(Self.lines(findings, rules: [Self.habit]) == [
            "compose.yaml:3:12: medium   CA903 sample-unpinned in 2 services: `web`, `db`",
            "1 finding (1 medium), 2 counting each service",
        ])
    }

    @Test func habitsOfSeveralRulesAreOneLineAtTheMostSevere() {
        let findings = [Self.finding(Self.habit, "web", at: "nginx"), Self.finding(Self.habit, "db", at: "postgres"),
                        Self.finding(Self.otherHabit, "db", at: "db:")]
        #expect(Self.lines(findings, rules: [Self.habit, Self.otherHabit]) == [
            "compose.yaml:3:12: medium   CA903,CA904 habits in 2 services: sample-unpinned 2, sample-habit 1 (--no-group names them)",
            "2 findings (1 medium, 1 low), 3 counting each service",
        ])
    }

    @Test func aServiceFailingTwiceKeepsItsOtherPlaceApart() {
        var findings = ["web", "db"].map { Self.finding(SampleReport.unpinned, $0, at: "nginx") }
        findings.append(SampleReport.finding(SampleReport.unpinned, "Service `web` again", at: "postgres", subject: "service:web"))
        #expect(Self.lines(findings) == [
            "compose.yaml:3:12: medium   CA903 Service `db` fails (shared by 2 services: `web`, `db`)",
            "compose.yaml:6:12: medium   CA903 Service `web` again",
            "2 findings (2 medium), 3 counting each service",
        ])
    }

    /// A habit stays one cause when a service repeats it (two `depends_on` entries of one service).
    @Test func aHabitRepeatedInAServiceIsStillOneCause() throws {
        var findings = ["web", "db"].map { Self.finding(Self.habit, $0, at: "nginx") }
        findings.append(SampleReport.finding(Self.habit, "Service `web` again", at: "postgres", subject: "service:web"))
        #expect(Self.lines(findings, rules: [Self.habit]) == [
            "compose.yaml:3:12: medium   CA903 sample-unpinned in 2 services: `web`, `db`",
            "1 finding (1 medium), 3 counting each service",
        ])
    }
}
