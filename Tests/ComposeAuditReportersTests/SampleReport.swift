import ComposeAuditCore
import ComposeAuditEngine

/// A small report built by hand: two rules, three findings (a safe fix, an unsafe fix with a related
/// location, and a message with characters every format must escape), one file. Reporters are tested on it
/// in process, one short golden per format.
enum SampleReport {
    static let compose = """
        services:
          web:
            image: nginx
            privileged: true
          db:
            image: postgres:16
        """ + "\n"

    static let source = SourceFile(path: "compose.yaml", text: compose)

    static let privileged: RuleDescription = {
        var rule = RuleDescription(
            id: "CA902", name: "sample-privileged", category: .security, severity: .critical, subject: "service",
            summary: "A service runs privileged", rationale: "Root in a privileged container is root on the host.",
            triggering: [], nonTriggering: [], fixTitle: "Remove `privileged: true`",
            fixSafety: .unsafe(.changesHowContainersRun, consequence: "The container loses access to host devices"))
        rule.standards = StandardReferences(cis: ["5.5"], owasp: ["D04"], cwe: [250])
        return rule
    }()

    static let unpinned = RuleDescription(
        id: "CA903", name: "sample-unpinned", category: .build, severity: .medium, subject: "service",
        summary: "An image has no tag", rationale: "An untagged image changes under you.",
        triggering: [], nonTriggering: [], fixTitle: "Pin the tag", fixSafety: .safe("The same image, named by its tag"))

    static var rules: [RuleDescription] { [privileged, unpinned] }

    /// The location of the first occurrence of `text` in the compose file.
    static func location(of text: String) -> (SourceLocation, LineColumn, LineColumn) {
        let bytes = Array(text.utf8)
        let start = (0...(source.bytes.count - bytes.count)).first { Array(source.bytes[$0..<($0 + bytes.count)]) == bytes } ?? 0
        let range = TextRange(start: start, end: start + bytes.count)
        return (SourceLocation(path: source.path, range: range), source.lineColumn(at: range.start), source.lineColumn(at: range.end))
    }

    static func finding(_ rule: RuleDescription, _ message: String, at text: String, severity: Severity? = nil, subject: String,
                        fix: Fix? = nil) -> Finding {
        let (location, start, end) = location(of: text)
        var finding = Finding(ruleID: rule.id, ruleName: rule.name, category: rule.category, severity: severity ?? rule.severity,
                              message: message, location: location, position: start, endPosition: end, subject: subject, fix: fix)
        // As the engine does for rules that walk services.
        if subject.hasPrefix("service:") { finding.service = String(subject.dropFirst("service:".count)) }
        return finding
    }

    static var report: AuditReport {
        let (flag, _, _) = location(of: "    privileged: true\n")
        let (tag, _, _) = location(of: "nginx\n")
        var escalated = finding(privileged, "Service `web` runs privileged: root in it is root on the host", at: "true",
                                subject: "service:web",
                                fix: Fix("Remove `privileged: true`", applicability: .unsafe,
                                         changes: [FileChange(path: "compose.yaml", edits: [.delete(flag.range)])],
                                         consequence: privileged.fixSafety?.consequence ?? ""))
        escalated.related = [RelatedLocation("service `db` shares its network", at: location(of: "db").0)]
        let untagged = finding(unpinned, "Service `web` image `nginx` has no tag", at: "nginx", subject: "service:web",
                               fix: Fix("Pin the tag", applicability: .safe,
                                        changes: [FileChange(path: "compose.yaml", edits: [TextEdit(range: TextRange(start: tag.range.start, end: tag.range.start + 5), replacement: "nginx:1.27")])],
                                        consequence: unpinned.fixSafety?.consequence ?? ""))
        let escaped = finding(unpinned, "Service `db` tag <16> & \"100%\" is not a digest: a, b; c", at: "postgres:16", severity: .low,
                              subject: "service:db")
        let tallies = [
            RuleTally(rule: privileged, subjectCount: 2, failingSubjects: ["service:web": .critical]),
            RuleTally(rule: unpinned, subjectCount: 2, failingSubjects: ["service:web": .medium, "service:db": .low]),
        ]
        var report = AuditReport(project: ".", sources: ["compose.yaml": source], findings: [escalated, untagged, escaped].sorted(),
                                 tallies: tallies, score: Score(tallies: tallies))
        report.name = "sample"
        return report
    }
}
