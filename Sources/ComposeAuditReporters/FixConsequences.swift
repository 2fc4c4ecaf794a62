import ComposeAuditCore
import ComposeAuditEngine

/// Applied fixes grouped by rule and consequence, for the diff header, the text summary and the Markdown report:
/// a reviewer reads each consequence once, with how many places it applies to.
public struct FixConsequence: Sendable, Equatable {
    public var ruleID: String
    public var ruleName: String
    public var applicability: FixApplicability
    public var consequence: String
    public var count: Int

    /// Groups in rule order; a rule whose fixes state different consequences has a group for each.
    public static func grouped(_ applied: [AppliedFix]) -> [FixConsequence] {
        var groups: [FixConsequence] = []
        for fix in applied {
            guard let offered = fix.finding.fix else { continue }
            if let index = groups.firstIndex(where: { $0.ruleID == fix.finding.ruleID && $0.consequence == offered.consequence }) {
                groups[index].count += 1
            } else {
                groups.append(FixConsequence(ruleID: fix.finding.ruleID, ruleName: fix.finding.ruleName, applicability: offered.applicability,
                                             consequence: offered.consequence, count: 1))
            }
        }
        return groups.sorted { ($0.ruleID, $0.consequence) < ($1.ruleID, $1.consequence) }
    }

    /// `CA303 no-log-rotation, unsafe, 3 places: Docker keeps ...`
    public var line: String {
        "\(ruleID) \(ruleName), \(applicability.rawValue), \(count) place\(count == 1 ? "" : "s"): \(consequence)"
    }
}
