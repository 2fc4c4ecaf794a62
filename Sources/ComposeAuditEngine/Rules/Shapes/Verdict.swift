import ComposeAuditCore

/// A rule's judgement of one subject (a service, a stage, an instruction, ...): the rule does not apply to
/// it (it is not counted for the score), or it applies and fails with these violations (none: it passes).
public enum Verdict: Sendable {
    case notApplicable
    case judged([Violation])

    /// The subject is counted and passes.
    public static let passes = Verdict.judged([])

    public static func fails(_ violations: Violation...) -> Verdict { .judged(violations) }
}

/// Collects verdicts into a rule's outcome: the engine's half of every rule shape.
public struct OutcomeCollector: Sendable {
    private var subjects: Set<Subject> = []
    private var violations: [Violation] = []

    public init() {}

    /// Counts `subject` when the rule applies to it, and keys its violations with it (a shaped rule's
    /// violations never choose their own subject, so what fails is always something that was counted).
    public mutating func record(_ verdict: Verdict, for subject: Subject) {
        guard case .judged(let found) = verdict else { return }
        subjects.insert(subject)
        for var violation in found {
            violation.subject = subject
            violations.append(violation)
        }
    }

    /// The outcome so far, merged with `other` (a rule with two shapes).
    public func merged(with other: RuleOutcome) -> RuleOutcome {
        RuleOutcome(subjectCount: subjects.count + other.subjectCount, violations: violations + other.violations)
    }

    public var outcome: RuleOutcome { RuleOutcome(subjectCount: subjects.count, violations: violations) }
}
