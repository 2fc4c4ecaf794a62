import ComposeAuditCore
import ComposeAuditEngine

/// One line a finding, `path:line:col: severity ID [*] message`, most serious first; a rule that fires on several
/// services is one line that names them. Then a summary: counts, what `fix` can fix, the score.
public struct TextReporter {
    public var style: TerminalStyle
    public var options: TextOptions

    public init(style: TerminalStyle = .plain, options: TextOptions = TextOptions()) {
        self.style = style
        self.options = options
    }

    /// What one printed line stands for: a cause, or a project's habits (several habit rules' causes) summed up.
    struct Entry {
        var causes: [ReportedCause]
        var first: Finding { causes[0].primary }
        var severity: Severity { causes.map(\.primary.severity).max() ?? first.severity }
    }

    /// The lines for `causes`: one a cause, and, when a project has causes of two or more habit rules (`habits`),
    /// one line for them all at the first one's place.
    static func entries(_ causes: [ReportedCause], habits: Set<String>) -> [Entry] {
        var entries: [Entry] = []
        var habitCauses: [String: [ReportedCause]] = [:]
        for cause in causes {
            if habits.contains(cause.primary.ruleID), cause.primary.service != nil {
                habitCauses[cause.primary.projectRoot, default: []].append(cause)
            } else {
                entries.append(Entry(causes: [cause]))
            }
        }
        for (_, causes) in habitCauses {
            if Set(causes.map(\.primary.ruleID)).count > 1 {
                entries.append(Entry(causes: causes.sorted { $0.primary < $1.primary }))
            } else {
                entries += causes.map { Entry(causes: [$0]) }
            }
        }
        return entries.sorted { lhs, rhs in
            lhs.severity != rhs.severity ? lhs.severity > rhs.severity : lhs.first < rhs.first
        }
    }

    /// The report's causes: one a finding without grouping (`--no-group`), most severe first.
    func causes(_ report: AuditReport) -> [ReportedCause] {
        let findings = report.findings
        guard options.groupsRepeatedFindings else {
            return findings.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0 < $1 }.map { ReportedCause(findings: [$0]) }
        }
        return ReportedCause.causes(of: report)
    }

    public func render(_ report: AuditReport) -> String {
        // Bytes, not string interpolation: a large project has tens of thousands of findings.
        var output: [UInt8] = []
        let shown = report.findings.filter { $0.severity >= options.minimumSeverity }
        let causes = causes(report)
        let shownCauses = causes.filter { $0.primary.severity >= options.minimumSeverity }
        output.reserveCapacity(shown.count * 160 + 512)
        if options.statistics {
            appendStatistics(shown, to: &output)
        } else {
            let habits = ReportedCause.habitRules(of: report)
            for entry in Self.entries(shownCauses, habits: options.groupsRepeatedFindings ? habits : []) {
                appendLine(entry, to: &output)
                if options.showsSource, let source = report.sources[entry.first.location.path] {
                    appendExcerpt(source, entry.first.position, to: &output)
                }
            }
        }
        if options.quiet { return String(decoding: output, as: UTF8.self) }
        if !shown.isEmpty { output.append(0x0A) }
        output.append(summary(report, causes: causes, shown: shownCauses), "\n")
        return String(decoding: output, as: UTF8.self)
    }

    private func appendLine(_ entry: Entry, to output: inout [UInt8]) {
        let finding = entry.first
        let severity = style.severity(entry.severity, entry.severity.name.padding(to: 8))
        let fixes = entry.causes.flatMap(\.findings).compactMap(\.fix?.applicability)
        let fixable = fixes.contains(.safe) ? " [*]" : fixes.isEmpty ? "" : " [unsafe fix]"
        output.append(finding.location.path, ":", String(finding.position.line), ":", String(finding.position.column), ": ", severity, " ")
        guard entry.causes.count > 1 else {
            output.append(style.bold(finding.ruleID), style.dim(fixable), " ", entry.causes[0].message, "\n")
            return
        }
        // A project's habits: which rules, in how many services each.
        let services = Set(entry.causes.flatMap(\.services))
        var counts: [(id: String, name: String, count: Int)] = []
        for cause in entry.causes {
            if let index = counts.firstIndex(where: { $0.name == cause.primary.ruleName }) {
                counts[index].count += cause.services.count
            } else {
                counts.append((cause.primary.ruleID, cause.primary.ruleName, cause.services.count))
            }
        }
        let rules = counts.map { "\($0.name) \($0.count)" }
        output.append(style.bold(counts.map(\.id).joined(separator: ",")), style.dim(fixable),
                      " habits in \(services.count) service\(services.count == 1 ? "" : "s"): ", rules.joined(separator: ", "),
                      " (--no-group names them)\n")
    }

    /// `--statistics`: how often each rule fired, most first (ties by id).
    private func appendStatistics(_ findings: [Finding], to output: inout [UInt8]) {
        var counts: [String: (name: String, count: Int, fixable: Int)] = [:]
        for finding in findings {
            var entry = counts[finding.ruleID] ?? (finding.ruleName, 0, 0)
            entry.count += 1
            if finding.fix?.applicability == .safe { entry.fixable += 1 }
            counts[finding.ruleID] = entry
        }
        let width = String(counts.values.map(\.count).max() ?? 0).count
        for (id, entry) in counts.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            let number = String(entry.count)
            output.append(String(repeating: " ", count: width - number.count), number, "  ", style.bold(id), "  ",
                          entry.name, entry.fixable == entry.count ? " [*]" : "", "\n")
        }
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

    /// The causes of habit rules reported as information although their rule's severity is higher: the habits of a
    /// stack left running, in a stack that reads as run by hand.
    private func lowered(_ report: AuditReport, _ causes: [ReportedCause]) -> Int {
        let habits = Dictionary(report.tallies.filter(\.rule.isHabit).map { ($0.rule.id, $0.rule.severity) }, uniquingKeysWith: { first, _ in first })
        return causes.filter { cause in
            cause.primary.severity == .info && (habits[cause.primary.ruleID].map { $0 > .info } ?? false)
        }.count
    }

    /// Counts of causes (what the lines show), and of findings when services repeat them.
    private func summary(_ report: AuditReport, causes: [ReportedCause], shown shownCauses: [ReportedCause]) -> String {
        let shown = shownCauses.count
        var counts: [String] = []
        for severity in Severity.allCases.reversed() where severity >= options.minimumSeverity {
            let count = causes.filter { $0.primary.severity == severity }.count
            if count > 0 { counts.append("\(count) \(severity.name)") }
        }
        let hidden = causes.count - shown
        var findingLine = shown > 0 ? "\(shown) finding\(shown == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
            : hidden > 0 ? "No findings shown" : "No findings"
        let shownFindings = shownCauses.reduce(0) { $0 + $1.findings.count }
        if shownFindings > shown { findingLine += ", \(shownFindings) counting each service" }
        if hidden > 0, options.minimumSeverity == .low {
            let habits = lowered(report, causes)
            let which = habits > 0 ? "\(habits) habits of a stack left running, lowered in one run by hand: `purpose: deployment` keeps them; " : ""
            findingLine += "; \(hidden) info not shown (\(which)--min-severity info shows them)"
        } else if hidden > 0 {
            findingLine += "; \(hidden) below \(options.minimumSeverity.name) not shown (--min-severity info shows all)"
        }
        if report.baselined > 0 {
            findingLine += "\n\(report.baselined) finding\(report.baselined == 1 ? "" : "s") in the baseline not shown or scored"
        }
        let safe = report.findings.filter { $0.fix?.applicability == .safe }.count
        let unsafe = report.findings.filter { $0.fix?.applicability == .unsafe }.count
        if safe > 0 {
            findingLine += "\n[*] \(safe) fixable with `compose-audit fix --write`"
            if unsafe > 0 { findingLine += " (\(unsafe) more with --unsafe-fixes)" }
        } else if unsafe > 0 {
            findingLine += "\n\(unsafe) with an unsafe fix: `compose-audit fix --unsafe-fixes` shows each with what it changes"
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
