import ComposeAuditCore
import ComposeAuditEngine
import Testing

/// How the engine turns a shaped rule's verdicts into the subjects the score counts and the findings reported.
@Suite("Outcome collector")
struct OutcomeCollectorTests {
    static func violation(at offset: Int, _ message: String, severity: Severity? = nil) -> Violation {
        Violation(message, at: SourceLocation(path: "Dockerfile", range: TextRange(start: offset, end: offset + 3)), severity: severity)
    }

    @Test func notApplicableSubjectsAreNotCountedAndOthersCountOnceEach() {
        var collector = OutcomeCollector()
        collector.record(.notApplicable, for: .service("cache"))
        collector.record(.passes, for: .service("web"))
        collector.record(.fails(Self.violation(at: 0, "a")), for: .service("db"))
        #expect(collector.outcome.subjectCount == 2)
        #expect(collector.outcome.violations.map(\.subject) == [.service("db")], "the engine keys a violation with what it judged")
    }

    /// Two services build one Dockerfile and both judge its `CMD`: one subject, one finding, the more severe.
    @Test func aSharedSubjectCountsOnceAndEachPlaceIsReportedOnceAtItsMostSevere() {
        var collector = OutcomeCollector()
        let command = Subject.dockerfile("Dockerfile")
        collector.record(.fails(Self.violation(at: 10, "web: default")), for: command, isShared: true)
        collector.record(.fails(Self.violation(at: 10, "worker: high", severity: .high), Self.violation(at: 40, "worker: other")),
                         for: command, isShared: true)
        collector.record(.fails(Self.violation(at: 10, "api: default")), for: command, isShared: true)
        collector.record(.passes, for: .service("api"))
        let outcome = collector.outcome
        #expect(outcome.subjectCount == 2)
        #expect(outcome.violations.map(\.message) == ["worker: high", "worker: other"], "first place keeps its position")
    }

    /// Subjects met once each are never merged, even when their findings share a place (an `x-` anchor).
    @Test func ownSubjectsKeepEveryFinding() {
        var collector = OutcomeCollector()
        collector.record(.fails(Self.violation(at: 5, "web")), for: .service("web"))
        collector.record(.fails(Self.violation(at: 5, "api")), for: .service("api"))
        #expect(collector.outcome.subjectCount == 2)
        #expect(collector.outcome.violations.map(\.message) == ["web", "api"])
    }
}
