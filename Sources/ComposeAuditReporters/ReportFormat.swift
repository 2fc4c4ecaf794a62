import ComposeAuditCore
import ComposeAuditEngine

/// The output formats `check --format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case markdown
    case github
    case junit
    case gitlab
    case checkstyle

    /// Renders a report. `rules` are the descriptions of the rules that ran (SARIF lists them); `failOn` is the gate
    /// (JUnit fails only the cases at or above it).
    public func render(_ report: AuditReport, rules: [RuleDescription], style: TerminalStyle = .plain,
                       text: TextOptions = TextOptions(), failOn: Severity? = .high) -> String {
        switch self {
        case .text: TextReporter(style: style, options: text).render(report)
        case .json: JSONReporter().render(report)
        case .sarif: SARIFReporter().render(report, rules: rules)
        case .markdown: MarkdownReporter().render(report)
        case .github: GitHubReporter().render(report)
        case .junit: JUnitReporter(failOn: failOn).render(report)
        case .gitlab: GitLabReporter().render(report)
        case .checkstyle: CheckstyleReporter().render(report)
        }
    }
}

/// The tool's name and version as reports state them.
public enum ToolInfo {
    public static let name = "compose-audit"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/compose-audit/compose-audit"
}
