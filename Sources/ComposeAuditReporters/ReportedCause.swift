import ComposeAuditCore
import ComposeAuditEngine

/// One problem as a report shows it: a finding, or the findings one cause gives in several services. Two kinds of
/// cause repeat per service: a value several services share (an `x-` anchor, `extends`), which fails at one place
/// once for each of them, and a habit of the project (no service sets limits: rules marked `isHabit`), which fails
/// at each service, once or more (each `depends_on` entry). Every report format shows a cause once, naming its services; `fix`,
/// baselines, the score and the editor still work per finding.
public struct ReportedCause: Sendable {
    /// The findings, in the order the rule reported them (services in the order they are defined).
    public let findings: [Finding]
    /// The finding that stands for the cause: the first in source order.
    public let primary: Finding

    init(findings: [Finding]) {
        self.findings = findings
        primary = findings.min() ?? findings[0]
    }

    public var isGrouped: Bool { findings.count > 1 }
    /// The services the cause shows in, each once, in the order they are defined (empty for a finding about no one
    /// service).
    public var services: [String] {
        var seen: Set<String> = []
        return findings.compactMap(\.service).filter { seen.insert($0).inserted }
    }
    /// Whether all the findings stand at one place (a shared value) rather than at each service.
    public var isOnePlace: Bool { findings.allSatisfy { $0.location == primary.location } }

    /// The finding's own message; for a group, the message of its first finding with the other services (one
    /// place) or the rule's name with the services (a habit).
    public var message: String {
        guard isGrouped else { return primary.message }
        let list = services.map { "`\($0)`" }.joined(separator: ", ")
        return isOnePlace ? "\(primary.message) (shared by \(services.count) services: \(list))"
            : "\(primary.ruleName) in \(services.count) service\(services.count == 1 ? "" : "s"): \(list)"
    }

    /// The report's causes, most severe first, then in source order.
    public static func causes(of report: AuditReport) -> [ReportedCause] {
        causes(of: report.findings, habits: habitRules(of: report))
    }

    /// The rules of the report that judge habits (`RuleDescription.isHabit`).
    public static func habitRules(of report: AuditReport) -> Set<String> {
        Set(report.tallies.filter(\.rule.isHabit).map(\.rule.id))
    }

    /// Findings of one rule and severity that stand at one place, each for another service, are one cause; for a
    /// habit rule, so are those of all the services of a project wherever they stand.
    public static func causes(of findings: [Finding], habits: Set<String>) -> [ReportedCause] {
        var causes: [ReportedCause] = []
        var perService: [String: [Finding]] = [:]
        var order: [String] = []
        for finding in findings {
            guard finding.service != nil else {
                causes.append(ReportedCause(findings: [finding]))
                continue
            }
            let key = "\(finding.projectRoot)\u{0}\(finding.projectFile ?? "")\u{0}\(finding.ruleID)\u{0}\(finding.severity.rawValue)\u{0}\(finding.code ?? "")"
            if perService[key] == nil { order.append(key) }
            perService[key, default: []].append(finding)
        }
        for key in order {
            let members = perService[key] ?? []
            // A habit is one cause however often a service repeats it (each `depends_on` entry of each service).
            if habits.contains(members[0].ruleID), members.count > 1 {
                causes.append(ReportedCause(findings: members))
                continue
            }
            var byPlace: [SourceLocation: [Finding]] = [:]
            var places: [SourceLocation] = []
            for finding in members {
                if byPlace[finding.location] == nil { places.append(finding.location) }
                byPlace[finding.location, default: []].append(finding)
            }
            for place in places {
                let atPlace = byPlace[place] ?? []
                causes += grouped(atPlace).map { [$0] } ?? atPlace.map { ReportedCause(findings: [$0]) }
            }
        }
        return causes.sorted { lhs, rhs in
            lhs.primary.severity != rhs.primary.severity ? lhs.primary.severity > rhs.primary.severity : lhs.primary < rhs.primary
        }
    }

    /// One cause for findings in different services, or nil when a service repeats (or there is one finding).
    private static func grouped(_ members: [Finding]) -> ReportedCause? {
        let services = members.compactMap(\.service)
        guard members.count > 1, Set(services).count == members.count else { return nil }
        return ReportedCause(findings: members)
    }
}
