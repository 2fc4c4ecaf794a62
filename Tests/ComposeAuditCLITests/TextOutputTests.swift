import Foundation
import Testing

/// The text report sized for a person: one line a finding, most serious first, a rule firing on several services
/// on one line, info counted but not printed, and display options that leave the gate alone.
@Suite("Text output")
struct TextOutputTests {
    static func lines(_ arguments: [String]) throws -> (status: Int32, lines: [String]) {
        let result = try runTool(["check", "Fixtures/tsh-erp"] + arguments)
        return (result.status, result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    static let findingLine = #"^Fixtures/tsh-erp/[^ ]+:\d+:\d+: (critical|high    |medium  |low     |info    ) CA\d{3}(,CA\d{3})* "#

    @Test func defaultOutputFitsOneScreenMostSeriousFirst() throws {
        let (status, lines) = try Self.lines([])
        #expect(status == 1)
        #expect(lines.count <= 40, "\(lines.count) lines")
        let findings = lines.filter { $0.range(of: Self.findingLine, options: .regularExpression) != nil }
        #expect(findings.count >= 10)
        #expect(!lines.contains { $0.hasPrefix("    ") && $0.contains(" | ") }, "no source excerpts by default")
        let order = ["critical", "high", "medium", "low"]
        let ranks = findings.compactMap { line in order.firstIndex { line.contains(": \($0)") } }
        #expect(ranks == ranks.sorted(), "most serious first")
        #expect(lines.contains("Fixtures/tsh-erp/docker-compose.yml:5:3: medium   CA205,CA301,CA303,CA304,CA305 [unsafe fix] habits in 5 services: no-new-privileges-missing 5, no-resource-limits 5, no-log-rotation 5, no-healthcheck 2, depends-on-without-health-condition 1 (--no-group names them)"),
                "the habit rules that fire are one line, at the most severe of them")
        #expect(!lines.contains { $0.contains("CA214") }, "info findings are not printed")
        #expect(lines.contains { $0.hasSuffix("; 5 info not shown (--min-severity info shows them)") })
        #expect(lines.contains("Score: 7.8/10 (C)"))
    }

    @Test func noGroupPrintsEveryFinding() throws {
        let grouped = try Self.lines([]).lines
        let all = try Self.lines(["--no-group"]).lines
        #expect(all.filter { $0.contains(" CA205 ") }.count == 5)
        #expect(grouped.filter { $0.contains("CA205") }.count == 1)
        #expect(all.contains { $0.contains("CA205 [unsafe fix] Service `redis` does not set `no-new-privileges`") })
    }

    @Test func showSourceAddsTheLineAndACaret() throws {
        let lines = try Self.lines(["--show-source"]).lines
        let index = try #require(lines.firstIndex { $0.hasPrefix("Fixtures/tsh-erp/docker-compose.yml:27:3: critical CA101") })
        #expect(lines[index + 1] == "    27 |   redis:")
        #expect(lines[index + 2] == "       |   ^")
    }

    @Test func quietPrintsFindingsOnly() throws {
        let (status, lines) = try Self.lines(["--quiet"])
        #expect(status == 1, "the gate is unchanged")
        #expect(!lines.contains { $0.hasPrefix("Score:") || $0.contains("findings (") })
        #expect(lines.filter { !$0.isEmpty }.allSatisfy { $0.range(of: Self.findingLine, options: .regularExpression) != nil })
    }

    @Test func statisticsCountsPerRule() throws {
        let lines = try Self.lines(["--statistics", "--quiet"]).lines.filter { !$0.isEmpty }
        #expect(lines.first == "5  CA205  no-new-privileges-missing", "[*] marks rules whose fixes are all safe; CA205's is not")
        #expect(lines.contains("1  CA101  stateful-service-without-volume"))
        #expect(!lines.contains { $0.contains("CA214") }, "info is left out unless --min-severity info")
        let withInfo = try Self.lines(["--statistics", "--quiet", "--min-severity", "info"]).lines
        #expect(withInfo.contains { $0.contains("CA214") })
    }

    @Test func minSeverityIsDisplayOnly() throws {
        let (status, lines) = try Self.lines(["--min-severity", "critical"])
        #expect(status == 1, "a high finding still fails the default gate")
        let findings = lines.filter { $0.range(of: Self.findingLine, options: .regularExpression) != nil }
        #expect(findings.count == 2 && findings.allSatisfy { $0.contains(": critical ") })
        #expect(lines.contains { $0.hasPrefix("2 findings (2 critical); 20 below critical not shown") })
        let info = try Self.lines(["--min-severity", "info"]).lines
        #expect(info.contains { $0.contains(" CA214 ") })
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--min-severity", "severe"]).status == 2)
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--color", "always"]).stdout.contains("\u{1B}["))
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--color", "always", "--format", "json"]).stdout.contains("\u{1B}[") == false)
        #expect(try runTool(["check", "Fixtures/tsh-erp", "--color", "never"]).stdout.contains("\u{1B}[") == false)
        #expect(try runTool(["check", "Fixtures/tsh-erp"]).stdout.contains("\u{1B}[") == false, "a pipe is not a terminal")
    }
}
