import ComposeAuditCore
import ComposeAuditEngine

/// Checkstyle XML, grouped by file.
public struct CheckstyleReporter {
    public init() {}

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "info"
        }
    }

    public func render(_ report: AuditReport) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<checkstyle version=\"4.3\">"]
        let byFile = Dictionary(grouping: ReportedCause.causes(of: report)) { $0.primary.location.path }
        for path in byFile.keys.sorted() {
            lines.append("  <file name=\"\(XMLText.escape(path))\">")
            for cause in (byFile[path] ?? []).sorted(by: { $0.primary < $1.primary }) {
                let finding = cause.primary
                lines.append("    <error line=\"\(finding.position.line)\" column=\"\(finding.position.column)\" severity=\"\(Self.severity(finding.severity))\" message=\"\(XMLText.escape(cause.message))\" source=\"compose-audit.\(finding.ruleID)\"/>")
            }
            lines.append("  </file>")
        }
        lines.append("</checkstyle>")
        return lines.joined(separator: "\n") + "\n"
    }
}
