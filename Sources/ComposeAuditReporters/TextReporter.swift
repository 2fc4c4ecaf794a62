import ComposeAuditCore
import ComposeAuditEngine

/// Findings grouped by file as `path:line:col  severity  ID  message`, then the score.
public struct TextReporter {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ report: AuditReport) -> String {
        // Bytes, not string interpolation: a large project has tens of thousands of findings.
        var output: [UInt8] = []
        output.reserveCapacity(report.findings.count * 240 + 512)
        var currentPath: String?
        for finding in report.findings {
            if finding.location.path != currentPath {
                if currentPath != nil { output.append(0x0A) }
                currentPath = finding.location.path
                output.append(style.bold(finding.location.path), "\n")
            }
            let severity = style.severity(finding.severity, finding.severity.name.padding(to: 8))
            let fixable = finding.fix.map { $0.applicability == .safe ? " [*]" : " [unsafe fix]" } ?? ""
            output.append("  ", finding.location.path, ":", String(finding.position.line), ":", String(finding.position.column),
                          ": ", severity, " ", style.bold(finding.ruleID), style.dim(fixable), " ", finding.message, "\n")
            if let source = report.sources[finding.location.path] {
                appendExcerpt(source, finding.position, to: &output)
            }
        }
        if !report.findings.isEmpty { output.append(0x0A) }
        output.append(summary(report), "\n")
        return String(decoding: output, as: UTF8.self)
    }

    /// The finding's line with a caret under its column (ASCII lines, the common case, without grapheme work).
    private func appendExcerpt(_ source: SourceFile, _ position: LineColumn, to output: inout [UInt8]) {
        let index = position.line - 1
        guard index >= 0, index < source.lineCount else { return }
        let range = source.contentRange(ofLine: index)
        let line = source.bytes[range.start..<max(range.start, range.end)]
        let number = String(position.line)
        let gutter = String(repeating: " ", count: number.utf8.count)
        output.append("    ", style.dim(number + " |"), " ")
        if line.allSatisfy({ $0 < 0x80 }) {
            output.append(contentsOf: line.prefix(160))
            if line.count > 160 { output.append("…") }
            output.append("\n    ", style.dim(gutter + " |"), " ")
            output.append(contentsOf: line.prefix(max(0, position.column - 1)).map { $0 == 0x09 ? 0x09 : 0x20 })
        } else {
            var text = String(decoding: line, as: UTF8.self)
            if index == 0, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.count > 160 { text = String(text.prefix(160)) + "…" }
            let prefix = String(text.prefix(max(0, position.column - 1)).map { $0 == "\t" ? "\t" : " " })
            output.append(text, "\n    ", style.dim(gutter + " |"), " ", prefix)
        }
        output.append(style.bold("^"), "\n")
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

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of each string.
    mutating func append(_ texts: String...) {
        for text in texts { append(contentsOf: text.utf8) }
    }
}
