import ComposeAuditCore

/// How much of a report the text format shows. Display only: the gate and the score see every finding.
public struct TextOptions: Sendable, Equatable {
    /// The source line and a caret under each finding (`--show-source`).
    public var showsSource = false
    /// Findings only, no summary (`--quiet`).
    public var quiet = false
    /// A count per rule instead of the findings (`--statistics`).
    public var statistics = false
    /// Findings below this are counted, not printed (`--min-severity`; default low: info is a count).
    public var minimumSeverity: Severity = .low
    /// One line for a rule that fires on several services (`--no-group` turns it off).
    public var groupsRepeatedFindings = true

    public init(showsSource: Bool = false, quiet: Bool = false, statistics: Bool = false, minimumSeverity: Severity = .low,
                groupsRepeatedFindings: Bool = true) {
        self.showsSource = showsSource
        self.quiet = quiet
        self.statistics = statistics
        self.minimumSeverity = minimumSeverity
        self.groupsRepeatedFindings = groupsRepeatedFindings
    }
}
