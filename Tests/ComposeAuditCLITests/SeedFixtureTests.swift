import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules
import Foundation
import Testing

@Suite("Seed 000 fixture: the ERP project")
struct SeedERPFixtureTests {
    func report() throws -> AuditReport {
        let loader = ProjectLoader(fileSystem: LocalFileSystem(root: Paths.packageRoot))
        let project = try loader.load(root: "Fixtures/tsh-erp")
        return Linter(rules: BuiltinRules.all).audit(project)
    }

    func finding(_ id: String, _ report: AuditReport) -> [String] {
        report.findings.filter { $0.ruleID == id }
            .map { "\($0.location.path):\($0.position.line) \($0.severity.name)" }
    }

    /// Every problem seed 000 lists is reported, at the line a user must edit.
    @Test func everySeedProblemIsFoundAtItsLine() throws {
        let report = try report()
        let compose = "Fixtures/tsh-erp/docker-compose.yml"
        #expect(finding("CA101", report) == ["\(compose):27 critical"])
        #expect(finding("CA201", report) == ["Fixtures/tsh-erp/Dockerfile:16 high"])
        #expect(finding("CA307", report) == ["Fixtures/tsh-erp/Dockerfile:43 high"])
        #expect(finding("CA301", report).count == 5)
        #expect(finding("CA403", report) == ["\(compose):46 info"], "found, as information: Compose names a local build itself")
        #expect(finding("CA501", report) == ["Fixtures/tsh-erp/nginx/nginx.conf:23 high", "Fixtures/tsh-erp/nginx/nginx.conf:29 high"])
        #expect(finding("CA402", report).count == 1)
        let clutter = try #require(report.findings.first { $0.ruleID == "CA402" })
        for pattern in [".pytest_cache", ".mypy_cache", "docs", "logs"] { #expect(clutter.message.contains(pattern)) }
    }

    @Test func textReportMatchesGolden() throws {
        let text = ReportFormat.text.render(try report(), rules: BuiltinRules.documented)
        #expect(try matchesGolden(text, "tsh-erp.check.txt"))
    }

    /// The SARIF layout is the reporter's golden (Tests/ComposeAuditReportersTests); here, that the seed's report
    /// names every rule and carries every finding, and the schema check is `make oracle-test`.
    @Test func sarifReportNamesEveryRuleAndFinding() throws {
        let audit = try report()
        let sarif = ReportFormat.sarif.render(audit, rules: BuiltinRules.documented)
        let json = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        let run = (json?["runs"] as? [[String: Any]])?.first
        let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.count == BuiltinRules.documented.count)
        let results = run?["results"] as? [[String: Any]] ?? []
        // One result a cause: a finding repeated in several services is one result naming them.
        #expect(results.count < audit.findings.count)
        for finding in audit.findings {
            let covered = results.contains { result in
                guard result["ruleId"] as? String == finding.ruleID else { return false }
                let services = (result["properties"] as? [String: Any])?["services"] as? [String] ?? []
                let region = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
                return services.contains(finding.service ?? "\u{0}") || region?["startLine"] as? Int == finding.position.line
            }
            #expect(covered, "\(finding.ruleID) at line \(finding.position.line) is in some result")
        }
        for result in results {
            #expect(result["ruleId"] is String && result["level"] is String)
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((location?["region"] as? [String: Any])?["startLine"] is Int)
        }
    }

    @Test func scoreIsDeterministicAndGraded() throws {
        let first = try report().score
        let second = try report().score
        #expect(first == second)
        // The seed project before any fix: 7.8 out of 10 (README), a C.
        #expect(first.overall == 7.8 && first.grade == "C", "\(first.overall) \(first.grade)")
        #expect(first.categories.count == Category.allCases.count)
    }
}

@Suite("Seed 001 fixture: the nine-service TWLan stack")
struct SeedTWLanFixtureTests {
    func report() throws -> AuditReport {
        let loader = ProjectLoader(fileSystem: LocalFileSystem(root: Paths.packageRoot))
        return Linter(rules: BuiltinRules.all).audit(try loader.load(root: "Fixtures/twlan"))
    }

    /// Every problem seed 001 lists is reported where a user fixes it.
    @Test func everySeedProblemIsFound() throws {
        let report = try report()
        func places(_ id: String) -> [String] {
            report.findings.filter { $0.ruleID == id }.map { "\($0.location.path):\($0.position.line)" }
        }
        let compose = "Fixtures/twlan/docker-compose.yml"
        #expect(places("CA401") == ["\(compose):7"], "no .dockerignore in the docker/ context")
        #expect(places("CA405") == ["Fixtures/twlan/docker/Dockerfile.legacy:2", "Fixtures/twlan/docker/Dockerfile.modern:2"])
        #expect(places("CA301").count == 9, "resource limits on all nine services")
        #expect(places("CA303").count == 9, "log rotation on all nine services")
        #expect(!places("CA105").isEmpty, "no backup of MariaDB and Redis")
        #expect(places("CA215") == ["Fixtures/twlan/.env:3", "Fixtures/twlan/.env:6", "Fixtures/twlan/.env:9"],
                "default passwords in .env")
        #expect(places("CA211") == ["\(compose):135"], "Grafana admin password")
        #expect(places("CA208") == ["\(compose):80"], "Redis without a password")
    }

    /// What the seed found already in place must not be reported.
    @Test func whatWasAlreadyRightIsNotReported() throws {
        let ids = Set(try report().findings.map(\.ruleID))
        for id in ["CA201", "CA210", "CA304", "CA306", "CA214", "CA101", "CA404"] {
            #expect(!ids.contains(id), "\(id) should not fire: the seed says it was already right")
        }
    }

    @Test func textReportMatchesGolden() throws {
        let text = ReportFormat.text.render(try report(), rules: BuiltinRules.documented)
        #expect(try matchesGolden(text, "twlan.check.txt"))
    }
}
