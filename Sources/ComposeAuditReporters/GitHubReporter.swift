import ComposeAuditCore
import ComposeAuditEngine

/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.
public struct GitHubReporter {
    public init() {}

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "notice"
        }
    }

    static func escapeData(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.append(character)
            }
        }
        return output
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).flatMap { $0 == ":" ? Array("%3A") : $0 == "," ? Array("%2C") : [$0] }.map(String.init).joined()
    }

    public func render(_ report: AuditReport) -> String {
        let causes = ReportedCause.causes(of: report)
        var lines = causes.map { cause in
            let finding = cause.primary
            let properties = [
                "file=\(Self.escapeProperty(finding.location.path))",
                "line=\(finding.position.line)", "col=\(finding.position.column)",
                "endLine=\(finding.endPosition.line)", "endColumn=\(finding.endPosition.column)",
                "title=\(Self.escapeProperty("\(finding.ruleID) \(finding.ruleName)"))",
            ].joined(separator: ",")
            return "::\(Self.command(finding.severity)) \(properties)::\(Self.escapeData("[\(finding.severity.name)] \(cause.message)"))"
        }
        lines.append("compose-audit: \(causes.count) finding\(causes.count == 1 ? "" : "s"), score \(Score.format(report.score.overall))/10 (\(report.score.grade))")
        return lines.joined(separator: "\n") + "\n"
    }
}
