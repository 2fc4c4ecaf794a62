import ComposeAuditCore

/// A rule's judgement of one subject (a service, a stage, an instruction, ...): the rule does not apply to
/// it (it is not counted for the score), or it applies and fails with these violations (none: it passes).
public enum Verdict: Sendable {
    case notApplicable
    case judged([Violation])
    /// The violations are reported but the subject is not counted: for a rule counted only where it fails, whose
    /// findings here are all info (which weigh nothing), so that finding them cannot raise the score.
    case reportedUncounted([Violation])

    /// The subject is counted and passes.
    public static let passes = Verdict.judged([])

    public static func fails(_ violations: Violation...) -> Verdict { .judged(violations) }
}

/// Collects verdicts into a rule's outcome: the engine's half of every rule shape.
public struct OutcomeCollector: Sendable {
    /// Subjects the walk meets once each (services, stages, instructions...): counted, never hashed.
    private var walked = 0
    /// Subjects several judgements share (the project, for rules counted once per project; a Dockerfile `CMD`
    /// or an `.env` entry several services use).
    private var shared: Set<Subject> = []
    private var violations: [Violation] = []
    /// Where shared subjects' violations stand in `violations`, by their location.
    private var sharedViolations: [SourceLocation: Int] = [:]

    public init() {}

    /// Counts `subject` when the rule applies to it, and keys its violations with it (a shaped rule's
    /// violations never choose their own subject, so what fails is always something that was counted).
    /// `isShared`: other judgements may name the same subject, which then counts once, and each place shared
    /// subjects fail is reported once, at its most severe (services that build one Dockerfile all judge its `CMD`;
    /// an `.env` that is also an `env_file` is one place).
    /// `service`: the service judged, kept on violations of subjects that are its own (not shared ones).
    public mutating func record(_ verdict: Verdict, for subject: Subject, isShared: Bool = false, service: String? = nil) {
        if case .reportedUncounted(let found) = verdict {
            for var violation in found {
                violation.subject = subject
                violation.service = isShared ? nil : service
                violations.append(violation)
            }
            return
        }
        guard case .judged(let found) = verdict else { return }
        if isShared { shared.insert(subject) } else { walked += 1 }
        for var violation in found {
            violation.subject = subject
            guard isShared else {
                violation.service = service
                violations.append(violation)
                continue
            }
            if let index = sharedViolations[violation.location] {
                if Self.rank(violation) > Self.rank(violations[index]) { violations[index] = violation }
            } else {
                sharedViolations[violation.location] = violations.count
                violations.append(violation)
            }
        }
    }

    /// A violation's own severity outranks the rule's default (which the collector does not know).
    private static func rank(_ violation: Violation) -> Int { violation.severity.map { $0.rawValue + 1 } ?? 0 }

    private var subjectCount: Int { walked + shared.count }

    /// The outcome so far, merged with `other` (a rule with two shapes).
    public func merged(with other: RuleOutcome) -> RuleOutcome {
        RuleOutcome(subjectCount: subjectCount + other.subjectCount, violations: violations + other.violations)
    }

    public var outcome: RuleOutcome { RuleOutcome(subjectCount: subjectCount, violations: violations) }
}
