import ComposeAuditCore
import ComposeAuditSyntax

/// A small project that shows a rule's behaviour. In `files`, the marker `↓` stands where a finding
/// must start (triggering examples); non-triggering examples have no marker and must be silent.
public struct RuleExample: Sendable {
    public var files: [String: String]
    public var note: String
    /// Variables of the environment the check runs in.
    public var environment: [String: String]

    public init(_ note: String, files: [String: String], environment: [String: String] = [:]) {
        self.note = note
        self.files = files
        self.environment = environment
    }

    public static let marker: Character = "↓"
}

/// A fix shown as the files before and after it (exact text); the tests apply the rule's fix to
/// `before` and expect `after`, then a second run that changes nothing.
public struct RuleCorrection: Sendable {
    public var note: String
    public var before: [String: String]
    public var after: [String: String]

    public init(_ note: String, before: [String: String], after: [String: String]) {
        self.note = note
        self.before = before
        self.after = after
    }
}

/// Everything a rule says about itself: the registry, `rules`, `explain`, docs and the tests read it.
public struct RuleDescription: Sendable {
    public var id: String
    public var name: String
    public var category: Category
    public var severity: Severity
    /// What one finding is counted against for the score (`service`, `build context`, ...).
    public var subject: String
    public var summary: String
    public var rationale: String
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    public var fixTitle: String?
    /// The fix's effects, consequence and model parts; its class follows from them (docs/fix-safety.md).
    public var fixSafety: FixSafety?
    /// Before/after examples of the fix; empty while the fix is not implemented.
    public var corrections: [RuleCorrection]
    /// The options the rule reads from `rules: { ID: {...} }`, when it has any.
    public var options: RuleOptionsDescription?
    /// The opt-in set the rule belongs to (`hardening`): such a rule runs only when it is selected by its id, its
    /// name or the set's name (not by `all`, a category or an id prefix), since it fires on most services.
    public var optInSet: String?
    /// A program the rule runs (`shellcheck`): without it on `PATH` the rule judges nothing.
    public var requiredProgram: String?
    /// The CIS Docker Benchmark controls, OWASP Docker Top 10 items and CWE weaknesses the rule relates to.
    public var standards: StandardReferences
    /// Whether the rule judges a per-service habit that most services of most projects fail (limits, log rotation,
    /// a healthcheck): every report shows its findings in a project as one, naming the services, and the text
    /// report sums a project's habits in one line.
    public var isHabit: Bool
    /// Whether the rule judges what matters where a stack ships (an image's user, tags, size, shell strictness; the
    /// variables its environment must set; the credentials written in its files): in a development stack, which runs
    /// on developers' machines and which their tooling sets up, its findings are information.
    public var lowersInDevelopmentStacks: Bool

    /// Whether `fix` can apply this rule's fix.
    public var isFixImplemented: Bool { !corrections.isEmpty }

    /// The fix's class: safe when it has none of the effects of `FixEffect`.
    public var fixApplicability: FixApplicability? { fixSafety?.applicability }

    public init(id: String, name: String, category: Category, severity: Severity, subject: String,
                standards: StandardReferences = StandardReferences(), summary: String, rationale: String,
                triggering: [RuleExample], nonTriggering: [RuleExample],
                fixTitle: String? = nil, fixSafety: FixSafety? = nil, corrections: [RuleCorrection] = [],
                options: RuleOptionsDescription? = nil, optInSet: String? = nil, requiredProgram: String? = nil,
                isHabit: Bool = false, lowersInDevelopmentStacks: Bool = false) {
        self.id = id
        self.name = name
        self.category = category
        self.severity = severity
        self.subject = subject
        self.standards = standards
        self.summary = summary
        self.rationale = rationale
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.fixTitle = fixTitle
        self.fixSafety = fixSafety
        self.corrections = corrections
        self.options = options
        self.optInSet = optInSet
        self.requiredProgram = requiredProgram
        self.isHabit = isHabit
        self.lowersInDevelopmentStacks = lowersInDevelopmentStacks
    }
}

/// One problem a rule reports, before the engine adds the rule's metadata.
public struct Violation: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation
    /// The subject failing; several violations of one subject count once. Rules of a shape (`ServiceRule`,
    /// `StageRule`, ...) leave it out: the engine keys the violation with the subject it judged.
    public var subject: Subject?
    /// A severity other than the rule's default (e.g. CA101 is critical when persistence is explicit).
    public var severity: Severity?
    /// The edits that remove this violation, when the rule knows them.
    public var fix: Fix?
    /// Other places the violation is about (for editors' related information).
    public var related: [RelatedLocation]
    /// The code of the outside check behind it (`SC2086`), which a person can select or ignore on its own.
    public var code: String?
    /// The service judged, set by the engine for rules that walk services (`ServiceRule`, `ServicePartRule`) when
    /// the subject is that service's own.
    public var service: String?

    public init(_ message: String, at location: SourceLocation, subject: Subject? = nil, severity: Severity? = nil, fix: Fix? = nil,
                related: [RelatedLocation] = [], code: String? = nil) {
        self.message = message
        self.location = location
        self.subject = subject
        self.severity = severity
        self.fix = fix
        self.related = related
        self.code = code
    }
}

/// What a rule found: how many subjects it looked at and which failed.
public struct RuleOutcome: Sendable {
    public var subjectCount: Int
    public var violations: [Violation]

    public init(subjectCount: Int, violations: [Violation]) {
        self.subjectCount = subjectCount
        self.violations = violations
    }
}

/// A check over the whole project. Rules are pure: typed models in, violations out. Every rule adopts a shape
/// instead of writing `check` (`ServiceRule`, `ServicePartRule`, `StageRule`, `FinalStageRule`, `BuiltImageRule`,
/// `InstructionRule`, `DockerfileRule`, `ComposeFileRule`, `BuildContextRule`, and `ProjectRule` for how parts fit
/// together): the engine walks the project, counts subjects and keys violations for them.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ project: Project) -> RuleOutcome
    /// The rule as the configuration sets it up (its options); most rules have none and are themselves.
    func configured(by configuration: Configuration) -> any Rule
}

extension Rule {
    public var description: RuleDescription { Self.description }

    public func configured(by configuration: Configuration) -> any Rule { self }
}
