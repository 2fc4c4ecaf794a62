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

    /// FNV-1a 64 of what identifies a finding regardless of line numbers.
    static func fingerprint(_ finding: Finding) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(finding.ruleID)|\(finding.location.path)|\(finding.subject)|\(finding.message)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public func render(_ report: AuditReport) -> String {
        JSONText.encode(report.findings.map { finding in
            Issue(description: "\(finding.ruleID): \(finding.message)", check_name: finding.ruleID,
                  fingerprint: Self.fingerprint(finding), severity: Self.severity(finding.severity),
                  location: Location(path: finding.location.path,
                                     lines: Lines(begin: finding.position.line, end: finding.endPosition.line)))
        })
    }
}
