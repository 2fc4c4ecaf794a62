import ComposeAuditCore
import ComposeAuditEngine
import Testing

/// The letter grades at and around each boundary the README's score section states.
@Suite("Score grades")
struct ScoreGradeTests {
    @Test(arguments: [
        (10.0, "A"), (9.0, "A"), (8.99, "B"), (7.5, "B"), (7.49, "C"), (6.0, "C"), (5.99, "D"), (4.0, "D"), (3.99, "F"), (0.0, "F"),
    ])
    func gradeBoundaries(score: Double, grade: String) {
        #expect(Score.grade(score) == grade, "\(score)")
    }

    static func rule(_ severity: Severity) -> RuleDescription {
        RuleDescription(id: "CA999", name: "sample", category: .security, severity: severity, subject: "service",
                        summary: "", rationale: "", triggering: [], nonTriggering: [])
    }

    /// Nine services pass a critical rule and one fails it: the number stays an A, the grade is capped at C.
    @Test func aCriticalFindingCapsTheGradeAtC() {
        let critical = Score(tallies: [RuleTally(rule: Self.rule(.critical), subjectCount: 10, failingSubjects: ["service:db": .critical])])
        #expect(critical.overall == 9.0 && critical.grade == "C")
        let high = Score(tallies: [RuleTally(rule: Self.rule(.high), subjectCount: 10, failingSubjects: ["service:db": .high])])
        #expect(high.overall == 9.0 && high.grade == "A")
        let poor = Score(tallies: [RuleTally(rule: Self.rule(.critical), subjectCount: 2, failingSubjects: ["service:db": .critical])])
        #expect(poor.overall == 5.0 && poor.grade == "D", "the cap never raises a grade")
    }
}
