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
            let fixable = finding.fix.map { $0.applicability == .safe ? " [*]" : " [unsafe fix]" } ?? ""
            lines.append("  \(place): \(severity) \(style.bold(finding.ruleID))\(style.dim(fixable)) \(finding.message)")
            if let source = report.sources[finding.location.path] {
                lines += excerpt(source, finding.position)
            }
        }
        if !report.findings.isEmpty { lines.append("") }
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The finding's line with a caret under its column.
    private func excerpt(_ source: SourceFile, _ position: LineColumn) -> [String] {
        let index = position.line - 1
        guard index >= 0, index < source.lineCount else { return [] }
        var text = source.lineText(index)
        if index == 0, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.count > 160 { text = String(text.prefix(160)) + "…" }
        let number = String(position.line)
        let gutter = String(repeating: " ", count: number.count)
        let prefix = String(text.prefix(max(0, position.column - 1)).map { $0 == "\t" ? "\t" : " " })
        return ["    \(style.dim(number + " |")) \(text)", "    \(style.dim(gutter + " |")) \(prefix)\(style.bold("^"))"]
    }

    private func summary(_ report: AuditReport) -> String {
        var counts: [String] = []
        for severity in Severity.allCases.reversed() {
            let count = report.findings.filter { $0.severity == severity }.count
            if count > 0 { counts.append("\(count) \(severity.name)") }
        }
        let total = report.findings.count
        var findingLine = total == 0 ? "No findings" : "\(total) finding\(total == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        let safe = report.findings.filter { $0.fix?.applicability == .safe }.count
        let unsafe = report.findings.filter { $0.fix?.applicability == .unsafe }.count
        if safe + unsafe > 0 {
            findingLine += "\n[*] \(safe) fixable with `compose-audit fix --write`"
            if unsafe > 0 { findingLine += " (\(unsafe) more with --unsafe-fixes)" }
        }
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
