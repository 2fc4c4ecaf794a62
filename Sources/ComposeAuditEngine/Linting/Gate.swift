import ComposeAuditCore

/// When an audit fails CI: any finding at or above `failOn`, or a score below `minimumScore`.
public struct Gate: Sendable {
    /// nil means never fail on findings.
    public var failOn: Severity?
    public var minimumScore: Double?

    public init(failOn: Severity? = .high, minimumScore: Double? = nil) {
        self.failOn = failOn
        self.minimumScore = minimumScore
    }

    public func reasons(for report: AuditReport) -> [String] {
        var reasons: [String] = []
        if let failOn {
            let count = report.findings.filter { $0.severity >= failOn }.count
            if count > 0 { reasons.append("\(count) finding\(count == 1 ? "" : "s") at or above \(failOn.name)") }
        }
        if let minimumScore, report.score.overall < minimumScore {
            reasons.append("score \(Score.format(report.score.overall)) is below the minimum \(Score.format(minimumScore))")
        }
        return reasons
    }

    public func passes(_ report: AuditReport) -> Bool { reasons(for: report).isEmpty }
}
