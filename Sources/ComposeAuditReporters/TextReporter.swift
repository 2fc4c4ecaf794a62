import ComposeAuditCore
import ComposeAuditEngine

/// Findings grouped by file as `path:line:col  severity  ID  message`, then the score.
public struct TextReporter {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ report: AuditReport) -> String {
        var lines: [String] = []
        var currentPath: String?
        for finding in report.findings {
            if finding.location.path != currentPath {
                if currentPath != nil { lines.append("") }
                currentPath = finding.location.path
                lines.append(style.bold(finding.location.path))
            }
            let place = "\(finding.location.path):\(finding.position.line):\(finding.position.column)"
            let severity = style.severity(finding.severity, finding.severity.name.padding(to: 8))
            lines.append("  \(place): \(severity) \(style.bold(finding.ruleID)) \(finding.message)")
        }
        if !report.findings.isEmpty { lines.append("") }
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    private func summary(_ report: AuditReport) -> String {
        var counts: [String] = []
        for severity in Severity.allCases.reversed() {
            let count = report.findings.filter { $0.severity == severity }.count
            if count > 0 { counts.append("\(count) \(severity.name)") }
        }
        let total = report.findings.count
        let findingLine = total == 0 ? "No findings" : "\(total) finding\(total == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        let score = report.score
        var lines = [findingLine,
                     style.bold("Score: \(Score.format(score.overall))/10 (\(score.grade))")]
        for category in Category.allCases {
            let value = score.categories[category].map { "\(Score.format($0))/10" } ?? "n/a"
            lines.append("  \(category.title.padding(to: 12)) \(value)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
