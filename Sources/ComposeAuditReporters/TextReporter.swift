import ComposeAuditCore
import ComposeAuditEngine

/// Findings grouped by file as `path:line:col  severity  ID  message`, then the score.
public struct TextReporter {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ report: AuditReport) -> String {
        var output = ""
        output.reserveCapacity(report.findings.count * 240 + 512)
        var currentPath: String?
        for finding in report.findings {
            if finding.location.path != currentPath {
                if currentPath != nil { output += "\n" }
                currentPath = finding.location.path
                output += style.bold(finding.location.path)
                output += "\n"
            }
            let severity = style.severity(finding.severity, finding.severity.name.padding(to: 8))
            let fixable = finding.fix.map { $0.applicability == .safe ? " [*]" : " [unsafe fix]" } ?? ""
            output += "  \(finding.location.path):\(finding.position.line):\(finding.position.column): \(severity) "
            output += "\(style.bold(finding.ruleID))\(style.dim(fixable)) \(finding.message)\n"
            if let source = report.sources[finding.location.path] {
                appendExcerpt(source, finding.position, to: &output)
            }
        }
        if !report.findings.isEmpty { output += "\n" }
        output += summary(report)
        output += "\n"
        return output
    }

    /// The finding's line with a caret under its column (ASCII lines, the common case, without grapheme work).
    private func appendExcerpt(_ source: SourceFile, _ position: LineColumn, to output: inout String) {
        let index = position.line - 1
        guard index >= 0, index < source.lineCount else { return }
        var text = source.lineText(index)
        let prefix: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            if text.utf8.count > 160 { text = String(text.utf8.prefix(160))! + "…" }
            prefix = String(decoding: text.utf8.prefix(max(0, position.column - 1)).map { $0 == 0x09 ? 0x09 : 0x20 }, as: UTF8.self)
        } else {
            if index == 0, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.count > 160 { text = String(text.prefix(160)) + "…" }
            prefix = String(text.prefix(max(0, position.column - 1)).map { $0 == "\t" ? "\t" : " " })
        }
        let number = String(position.line)
        let gutter = String(repeating: " ", count: number.utf8.count)
        output += "    \(style.dim(number + " |")) \(text)\n    \(style.dim(gutter + " |")) \(prefix)\(style.bold("^"))\n"
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
