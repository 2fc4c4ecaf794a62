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

    /// What one printed line stands for: a finding, or the findings of one rule and severity across services.
    struct Entry {
        var first: Finding
        var services: [String]
    }

    static func entries(_ findings: [Finding], grouping: Bool) -> [Entry] {
        var entries: [Entry] = []
        var groups: [String: [Finding]] = [:]
        for finding in findings {
            if grouping, finding.subject.hasPrefix("service:") {
                groups["\(finding.ruleID) \(finding.severity.rawValue)", default: []].append(finding)
            } else {
                entries.append(Entry(first: finding, services: []))
            }
        }
        for (_, members) in groups {
            if let entry = grouped(members) {
                entries.append(entry)
                continue
            }
            // Some service has several findings of the rule: group those that stand at one place (a value several
            // services share through an `x-` anchor or `extends`), one line each place.
            var byPlace: [SourceLocation: [Finding]] = [:]
            for finding in members { byPlace[finding.location, default: []].append(finding) }
            for (_, place) in byPlace {
                entries += grouped(place).map { [$0] } ?? place.map { Entry(first: $0, services: []) }
            }
        }
        return entries.sorted { lhs, rhs in
            lhs.first.severity != rhs.first.severity ? lhs.first.severity > rhs.first.severity : lhs.first < rhs.first
        }
    }

    /// One line for findings of one rule on different services, or nil when a service repeats (or there is one).
    private static func grouped(_ members: [Finding]) -> Entry? {
        let services = members.map { String($0.subject.dropFirst("service:".count)) }
        guard members.count > 1, Set(services).count == members.count, let first = members.min() else { return nil }
        return Entry(first: first, services: services)
    }

    public func render(_ report: AuditReport) -> String {
        // Bytes, not string interpolation: a large project has tens of thousands of findings.
        var output: [UInt8] = []
        let shown = report.findings.filter { $0.severity >= options.minimumSeverity }
        output.reserveCapacity(shown.count * 160 + 512)
        if options.statistics {
            appendStatistics(shown, to: &output)
        } else {
            for entry in Self.entries(shown, grouping: options.groupsRepeatedFindings) {
                appendLine(entry, to: &output)
                if options.showsSource, let source = report.sources[entry.first.location.path] {
                    appendExcerpt(source, entry.first.position, to: &output)
                }
            }
        }
        if options.quiet { return String(decoding: output, as: UTF8.self) }
        if !shown.isEmpty { output.append(0x0A) }
        output.append(summary(report, shown: shown.count), "\n")
        return String(decoding: output, as: UTF8.self)
    }

    private func appendLine(_ entry: Entry, to output: inout [UInt8]) {
        let finding = entry.first
        let severity = style.severity(finding.severity, finding.severity.name.padding(to: 8))
        let fixable = finding.fix.map { $0.applicability == .safe ? " [*]" : " [unsafe fix]" } ?? ""
        output.append(finding.location.path, ":", String(finding.position.line), ":", String(finding.position.column),
                      ": ", severity, " ", style.bold(finding.ruleID), style.dim(fixable), " ")
        if entry.services.isEmpty {
            output.append(finding.message, "\n")
        } else {
            output.append(finding.ruleName, " in ", String(entry.services.count), " services: ",
                          entry.services.joined(separator: ", "), "\n")
        }
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

    private func summary(_ report: AuditReport, shown: Int) -> String {
        var counts: [String] = []
        for severity in Severity.allCases.reversed() where severity >= options.minimumSeverity {
            let count = report.findings.filter { $0.severity == severity }.count
            if count > 0 { counts.append("\(count) \(severity.name)") }
        }
        let hidden = report.findings.count - shown
        var findingLine = shown > 0 ? "\(shown) finding\(shown == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
            : hidden > 0 ? "No findings shown" : "No findings"
        if hidden > 0, options.minimumSeverity == .low {
            findingLine += "; \(hidden) info not shown (--min-severity info shows them)"
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
