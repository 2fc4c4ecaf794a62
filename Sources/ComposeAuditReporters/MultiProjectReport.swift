import ComposeAuditCore
import ComposeAuditEngine

/// Several projects at once: text gets a section per project and a total; the other formats report
/// every finding in one document (paths tell the projects apart), with the score over all of them.
public enum MultiProjectReport {
    public static func render(_ reports: [AuditReport], format: ReportFormat, rules: [RuleDescription], style: TerminalStyle = .plain,
                              text options: TextOptions = TextOptions(), failOn: Severity? = .high) -> String {
        guard format == .text else { return format.render(combined(reports), rules: rules, style: style, failOn: failOn) }
        var text = ""
        for report in reports {
            text += style.bold("== \(report.project) ==") + "\n" + TextReporter(style: style, options: options).render(report) + "\n"
        }
        if options.quiet { return text }
        let reporter = TextReporter(style: style, options: options)
        let findings = reports.reduce(0) { $0 + reporter.causes($1).count }
        let mean = reports.isEmpty ? 0 : reports.reduce(0.0) { $0 + $1.score.overall } / Double(reports.count)
        let worst = reports.min { $0.score.overall < $1.score.overall }
        text += "\(reports.count) projects, \(findings) findings, mean score \(Score.format(mean))/10"
        if let worst { text += ", lowest \(Score.format(worst.score.overall)) (\(worst.project))" }
        return text + "\n"
    }

    static func combined(_ reports: [AuditReport]) -> AuditReport {
        var sources: [String: SourceFile] = [:]
        for report in reports { sources.merge(report.sources) { first, _ in first } }
        let tallies = reports.flatMap(\.tallies)
        var combined = AuditReport(project: reports.map(\.project).joined(separator: ", "), sources: sources,
                                   findings: reports.flatMap(\.findings).sorted(), tallies: tallies, score: Score(tallies: tallies))
        combined.name = "\(reports.count) projects"
        combined.baselined = reports.reduce(0) { $0 + $1.baselined }
        return combined
    }
}
