import ComposeAuditCore
import ComposeAuditEngine

/// The summary a reviewer reads: score (before and after a fix), what was fixed where, a metrics
/// table, and what is left for a human.
public struct MarkdownReporter {
    public init() {}

    /// Metrics read from rules' coverage: (label, rule id).
    static let metrics: [(String, String)] = [
        ("Services with resource limits", "CA301"),
        ("Services with log rotation", "CA303"),
        ("Services with a healthcheck", "CA304"),
        ("Services with a restart policy", "CA306"),
        ("Stateful services with a data volume", "CA101"),
        ("Built images that run as non-root", "CA201"),
        ("Images with OCI labels", "CA405"),
        ("Build contexts with a .dockerignore", "CA401"),
    ]

    public func render(_ report: AuditReport) -> String {
        var lines = ["# compose-audit report: \(report.name) (`\(report.project)`)", "",
                     "**Score: \(Score.format(report.score.overall))/10 (\(report.score.grade))**", "",
                     "| Category | Score |", "|---|---|"]
        for category in Category.allCases {
            lines.append("| \(category.title) | \(report.score.categories[category].map { Score.format($0) } ?? "n/a") |")
        }
        var metrics: [String] = []
        for (label, rule) in Self.metrics {
            guard let coverage = report.coverage(of: rule) else { continue }
            metrics.append("| \(label) | \(coverage.passing)/\(coverage.total) |")
        }
        if report.contextBytesTotal > 0 {
            metrics.append("| Build context sent (after .dockerignore) | \(Self.bytes(report.contextBytesSent)) of \(Self.bytes(report.contextBytesTotal)) |")
        }
        // No table without rows: a project none of the metrics applies to has no Metrics section.
        if !metrics.isEmpty { lines += ["", "## Metrics", "", "| Metric | Value |", "|---|---|"] + metrics }
        let causes = ReportedCause.causes(of: report)
        lines += ["", "## Findings (\(causes.count))", ""] + table(causes, fixColumn: true)
        return lines.joined(separator: "\n") + "\n"
    }

    public func render(_ outcome: FixOutcome) -> String {
        let before = outcome.before
        let after = outcome.after
        var lines = ["# compose-audit fix report: \(before.name) (`\(before.project)`)", "",
                     "**Score: \(Score.format(before.score.overall))/10 (\(before.score.grade)) → \(Score.format(after.score.overall))/10 (\(after.score.grade))**",
                     "", "| Category | Before | After |", "|---|---|---|"]
        for category in Category.allCases {
            let old = before.score.categories[category].map { Score.format($0) } ?? "n/a"
            let new = after.score.categories[category].map { Score.format($0) } ?? "n/a"
            lines.append("| \(category.title) | \(old) | \(new) |")
        }
        lines += ["", "## Fixed (\(outcome.applied.count))", ""]
        if outcome.applied.isEmpty {
            lines.append("Nothing was fixed.")
        } else {
            lines += ["| Severity | Rule | Where (in the original) | Problem | Fix |", "|---|---|---|---|---|"]
            for fix in outcome.applied.sorted(by: { $0.finding < $1.finding }) {
                let finding = fix.finding
                let place = fix.wasInOriginal ? "`\(finding.location.path):\(finding.position.line)`" : "added by another fix"
                lines.append("| \(finding.severity.name) | \(finding.ruleID) | \(place) | \(Self.cell(finding.message)) | \(Self.cell(fix.title)) |")
            }
        }
        let consequences = FixConsequence.grouped(outcome.applied)
        if !consequences.isEmpty {
            lines += ["", "### What changes for whoever runs the stack", "", "| Rule | Class | Places | Consequence |", "|---|---|---|---|"]
            for group in consequences {
                lines.append("| \(group.ruleID) \(group.ruleName) | \(group.applicability.rawValue) | \(group.count) | \(Self.cell(group.consequence)) |")
            }
        }
        if !outcome.files.isEmpty {
            lines += ["", "Files changed: " + outcome.files.map { "`\($0.path)`" + ($0.original == nil ? " (new)" : "") }.joined(separator: ", ") + "."]
        }
        lines += ["", "## Metrics", "", "| Metric | Before | After |", "|---|---|---|"]
        for (label, rule) in Self.metrics {
            let old = before.coverage(of: rule)
            let new = after.coverage(of: rule)
            guard old != nil || new != nil else { continue }
            lines.append("| \(label) | \(old.map { "\($0.passing)/\($0.total)" } ?? "-") | \(new.map { "\($0.passing)/\($0.total)" } ?? "-") |")
        }
        if before.contextBytesTotal > 0 {
            lines.append("| Build context sent (after .dockerignore) | \(Self.bytes(before.contextBytesSent)) | \(Self.bytes(after.contextBytesSent)) |")
        }
        if !outcome.refused.isEmpty {
            lines += ["", "## Fixes not applied (\(outcome.refused.count))", "", "| Rule | Where | Fix | Why |", "|---|---|---|---|"]
            for refusal in outcome.refused {
                lines.append("| \(refusal.finding.ruleID) | `\(refusal.finding.location.path):\(refusal.finding.position.line)` | \(Self.cell(refusal.title)) | \(Self.cell(refusal.reason)) |")
            }
        }
        let left = ReportedCause.causes(of: after)
        lines += ["", "## Left for a human (\(left.count))", ""] + table(left, fixColumn: true)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row a cause, most severe first.
    private func table(_ causes: [ReportedCause], fixColumn: Bool) -> [String] {
        guard !causes.isEmpty else { return ["None."] }
        var lines = ["| Severity | Rule | Where | Finding | Fix |", "|---|---|---|---|---|"]
        for cause in causes {
            let finding = cause.primary
            let title = cause.isGrouped ? "one fix a service" : finding.fix.map { Self.cell($0.title) } ?? ""
            let fix = finding.fix.map { "\($0.applicability.rawValue): \(title)" } ?? "-"
            lines.append("| \(finding.severity.name) | \(finding.ruleID) | `\(finding.location.path):\(finding.position.line)` | \(Self.cell(cause.message)) | \(fix) |")
        }
        return lines
    }

    /// Text for a table cell: pipes escaped, and outside code spans `<` as an entity, so that a message quoting
    /// <none> is not read as an HTML tag (`->` and `&` render as they are).
    static func cell(_ text: String) -> String {
        var result = ""
        var inCode = false
        for character in text {
            if character == "`" { inCode.toggle() }
            switch character {
            case "|": result += "\\|"
            case "<" where !inCode: result += "&lt;"
            default: result.append(character)
            }
        }
        return result
    }

    static func bytes(_ count: Int) -> String { TextFormatting.bytes(count) }
}
