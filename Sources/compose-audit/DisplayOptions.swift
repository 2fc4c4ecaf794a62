import ArgumentParser
import ComposeAuditCore
import ComposeAuditReporters

/// How `check` shows its text report: display only, the gate and the score see every finding.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .customLong("show-source"), help: "Print the source line and a caret under each finding.")
    var showSource = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print the findings only, no summary or score.")
    var quiet = false

    @Flag(help: "Print how often each rule fired instead of the findings.")
    var statistics = false

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Print findings of this severity or worse (default: low; info findings are counted). The gate is --fail-on.", valueName: "severity"))
    var minimumSeverity: SeverityName = SeverityName(severity: .low)

    @Flag(name: .customLong("no-group"), help: "One line per finding, also where a rule fires on several services.")
    var noGroup = false

    @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    var text: TextOptions {
        TextOptions(showsSource: showSource, quiet: quiet, statistics: statistics, minimumSeverity: minimumSeverity.severity,
                    groupsRepeatedFindings: !noGroup)
    }
}

/// `--color`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// A severity name on the command line.
struct SeverityName: ExpressibleByArgument, Sendable {
    var severity: Severity

    init(severity: Severity) { self.severity = severity }

    init?(argument: String) {
        guard let severity = Severity(name: argument) else { return nil }
        self.severity = severity
    }

    static var allValueStrings: [String] { Severity.allCases.reversed().map(\.name) }
    var defaultValueDescription: String { severity.name }
}
