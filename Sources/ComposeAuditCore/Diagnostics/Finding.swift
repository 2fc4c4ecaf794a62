/// A problem a rule found, with everything a report needs.
public struct Finding: Sendable, Hashable, Comparable {
    public var ruleID: String
    public var ruleName: String
    public var category: Category
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// 1-based line and column of `location.range.start`, for display.
    public var position: LineColumn
    /// 1-based line and column of `location.range.end`.
    public var endPosition: LineColumn
    /// What the finding counts against in the score (`service:redis`, `dockerfile:Dockerfile`).
    public var subject: String
    /// The fix that removes this finding, if the rule offers one for it.
    public var fix: Fix?
    /// Other places the finding is about (the mount an nginx `alias` needs, in the compose file).
    public var related: [RelatedLocation] = []
    /// The folder of the project the finding belongs to, as its paths start (baselines and fingerprints are
    /// relative to it, so they do not depend on how the path was typed).
    public var projectRoot: String
    /// The code of the outside check behind the finding (ShellCheck's `SC2086` for CA423): selections, ignores and
    /// suppression comments accept it like a rule id.
    public var code: String?
    /// The service the finding was judged for, when it is one service's (not a place several services share):
    /// reports name one cause once with the services it repeats in.
    public var service: String?
    /// The first compose file of the project the finding belongs to: projects of one folder (each other-named
    /// compose file `--recursive` loads alone) share `projectRoot` and are told apart by it.
    public var projectFile: String?

    public init(ruleID: String, ruleName: String, category: Category, severity: Severity, message: String,
                location: SourceLocation, position: LineColumn, endPosition: LineColumn, subject: String, fix: Fix? = nil,
                projectRoot: String = ".") {
        self.projectRoot = projectRoot
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.category = category
        self.severity = severity
        self.message = message
        self.location = location
        self.position = position
        self.endPosition = endPosition
        self.subject = subject
        self.fix = fix
    }

    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.location.path != rhs.location.path { return lhs.location.path < rhs.location.path }
        if lhs.position != rhs.position { return lhs.position < rhs.position }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}
