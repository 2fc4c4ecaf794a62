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
}
