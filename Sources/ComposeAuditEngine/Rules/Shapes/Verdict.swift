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
    /// Subjects the walk meets once each (services, stages, instructions...): counted, never hashed.
    private var walked = 0
    /// Subjects several judgements share (the project, for rules counted once per project).
    private var shared: Set<Subject> = []
    private var violations: [Violation] = []

    public init() {}

    /// Counts `subject` when the rule applies to it, and keys its violations with it (a shaped rule's
    /// violations never choose their own subject, so what fails is always something that was counted).
    /// `isShared`: other judgements may name the same subject, which then counts once.
    public mutating func record(_ verdict: Verdict, for subject: Subject, isShared: Bool = false) {
        guard case .judged(let found) = verdict else { return }
        if isShared { shared.insert(subject) } else { walked += 1 }
        guard !found.isEmpty else { return }
        let start = violations.count
        violations.append(contentsOf: found)
        for index in start..<violations.count { violations[index].subject = subject }
    }

    private var subjectCount: Int { walked + shared.count }

    /// The outcome so far, merged with `other` (a rule with two shapes).
    public func merged(with other: RuleOutcome) -> RuleOutcome {
        RuleOutcome(subjectCount: subjectCount + other.subjectCount, violations: violations + other.violations)
    }

    public var outcome: RuleOutcome { RuleOutcome(subjectCount: subjectCount, violations: violations) }
}
