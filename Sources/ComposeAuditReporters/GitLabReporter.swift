import ComposeAuditCore
import ComposeAuditEngine

/// GitLab Code Quality: a JSON array of issues with a stable fingerprint.
public struct GitLabReporter {
    public init() {}

    struct Issue: Encodable {
        var description: String
        var check_name: String
        var fingerprint: String
        var severity: String
        var location: Location
    }

    struct Location: Encodable {
        var path: String
        var lines: Lines
    }

    struct Lines: Encodable { var begin: Int; var end: Int }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "blocker"
        case .high: "critical"
        case .medium: "major"
        case .low: "minor"
        case .info: "info"
        }
    }

    public func render(_ report: AuditReport) -> String {
        JSONText.encode(ReportedCause.causes(of: report).map { cause in
            let finding = cause.primary
            return Issue(description: "\(finding.ruleID): \(cause.message)", check_name: finding.ruleID,
                  fingerprint: Baseline.fingerprint(finding), severity: Self.severity(finding.severity),
                  location: Location(path: finding.location.path,
                                     lines: Lines(begin: finding.position.line, end: finding.endPosition.line)))
        })
    }
}
