import ComposeAuditCore
import ComposeAuditEngine

/// JUnit XML: one test case per rule and file that the audit checked. A case fails when one of its findings is at or
/// above the gate (`--fail-on`); findings below it are listed in the case's output, so a green job shows green tests.
public struct JUnitReporter {
    /// The gate's threshold; nil (`--fail-on never`) fails no case.
    public var failOn: Severity?

    public init(failOn: Severity? = .high) { self.failOn = failOn }

    public func render(_ report: AuditReport) -> String {
        var cases: [String] = []
        var failures = 0
        let byRule = Dictionary(grouping: ReportedCause.causes(of: report)) { "\($0.primary.ruleID)\u{0}\($0.primary.location.path)" }
        for key in byRule.keys.sorted() {
            guard let causes = byRule[key]?.sorted(by: { $0.primary < $1.primary }), let first = causes.first?.primary else { continue }
            let body = causes.map { "\($0.primary.location.path):\($0.primary.position.line):\($0.primary.position.column): \($0.primary.severity.name) \($0.message)" }
                .joined(separator: "\n")
            let worst = causes.map(\.primary.severity).max() ?? first.severity
            let name = "classname=\"\(XMLText.escape(first.location.path))\" name=\"\(XMLText.escape("\(first.ruleID) \(first.ruleName)"))\""
            guard let failOn, worst >= failOn else {
                cases.append("    <testcase \(name)>\n      <system-out>\(XMLText.escape(body))</system-out>\n    </testcase>")
                continue
            }
            failures += 1
            let message = causes.count == 1 ? causes[0].message : "\(causes.count) findings"
            cases.append("""
                    <testcase \(name)>
                      <failure type="\(XMLText.escape(worst.name))" message="\(XMLText.escape(message))">\(XMLText.escape(body))</failure>
                    </testcase>
                """)
        }
        let passing = report.tallies.filter { $0.subjectCount > 0 && $0.failingSubjects.isEmpty }
        for tally in passing {
            cases.append("    <testcase classname=\"\(XMLText.escape(report.project))\" name=\"\(XMLText.escape("\(tally.rule.id) \(tally.rule.name)"))\"/>")
        }
        let total = cases.count
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="compose-audit" tests="\(total)" failures="\(failures)">
              <testsuite name="\(XMLText.escape(report.project))" tests="\(total)" failures="\(failures)" errors="0" skipped="0">
                <properties>
                  <property name="score" value="\(Score.format(report.score.overall))"/>
                  <property name="grade" value="\(report.score.grade)"/>
                </properties>
            \(cases.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }
}
