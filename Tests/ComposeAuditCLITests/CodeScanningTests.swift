import Foundation
import Testing

/// SARIF and GitLab reports as the platforms use them: stable fingerprints (the baseline's), security-severity,
/// help links into docs/rules.md, repository-relative paths whatever path was typed; JUnit fails only at the gate.
@Suite("Reports for code scanning")
struct CodeScanningTests {
    static func json(_ arguments: [String], in directory: String = Paths.packageRoot) throws -> Any {
        let result = try runTool(["check", "--fail-on", "never"] + arguments, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    static func sarifRun(_ arguments: [String], in directory: String = Paths.packageRoot) throws -> [String: Any] {
        let log = try #require(try json(["--format", "sarif"] + arguments, in: directory) as? [String: Any])
        return try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func sarifRulesCarryHelpAndSecuritySeverity() throws {
        let run = try Self.sarifRun(["Fixtures/tsh-erp"])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let docs = try String(contentsOfFile: Paths.packageRoot + "/docs/rules.md", encoding: .utf8)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let properties = try #require(rule["properties"] as? [String: Any])
            let helpURI = try #require(rule["helpUri"] as? String)
            #expect(helpURI.hasSuffix("/docs/rules.md#\(id.lowercased())") && docs.contains("\n## \(id)\n"), "\(id): \(helpURI)")
            #expect(((rule["help"] as? [String: Any])?["markdown"] as? String)?.contains("### Why it matters") == true, "\(id)")
            let isSecurity = properties["category"] as? String == "security"
            #expect((properties["security-severity"] != nil) == isSecurity, "\(id)")
        }
        let privileged = try #require(rules.first { $0["id"] as? String == "CA202" }?["properties"] as? [String: Any])
        #expect(privileged["security-severity"] as? String == "9.5")
        #expect((privileged["tags"] as? [String])?.contains("security") == true)
    }

    @Test func sarifFingerprintsAreTheGitLabAndBaselineOnes() throws {
        let run = try Self.sarifRun(["Fixtures/tsh-erp"])
        let results = try #require(run["results"] as? [[String: Any]])
        let sarif = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["compose-audit/v1"] }
        let gitlab = try #require(try Self.json(["Fixtures/tsh-erp", "--format", "gitlab"]) as? [[String: Any]])
        #expect(sarif.count == results.count && !sarif.isEmpty)
        #expect(Set(sarif) == Set(gitlab.compactMap { $0["fingerprint"] as? String }))
        // Stable across line shifts: a comment on top of the compose file moves every line, not a fingerprint.
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let compose = folder.appendingPathComponent("docker-compose.yml")
        try ("# moved\n\n" + String(contentsOf: compose, encoding: .utf8)).write(to: compose, atomically: true, encoding: .utf8)
        let moved = try Self.sarifRun(["."], in: folder.path)
        let movedPrints = (moved["results"] as? [[String: Any]] ?? []).compactMap { ($0["partialFingerprints"] as? [String: String])?["compose-audit/v1"] }
        #expect(Set(movedPrints) == Set(sarif))
    }

    @Test func pathsAreRepositoryRelativeWhateverWasTyped() throws {
        let absolute = Paths.packageRoot + "/Fixtures/tsh-erp"
        let run = try Self.sarifRun([absolute])
        #expect((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] != nil)
        let locations = (run["results"] as? [[String: Any]] ?? []).compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String]
        }
        #expect(!locations.isEmpty && locations.allSatisfy { $0["uri"]?.hasPrefix("Fixtures/tsh-erp/") == true && $0["uriBaseId"] == "%SRCROOT%" })
        let gitlab = try #require(try Self.json([absolute, "--format", "gitlab"]) as? [[String: Any]])
        let paths = gitlab.compactMap { ($0["location"] as? [String: Any])?["path"] as? String }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("Fixtures/tsh-erp/") })
        // Outside the working folder a path stays absolute, as a file URI without a base.
        let outside = try Self.sarifRun([absolute], in: "/")
        let first = (((outside["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]
            as? [String: Any])?["artifactLocation"] as? [String: String]
        #expect(first?["uri"]?.hasPrefix("file:///") == true && first?["uriBaseId"] == nil)
    }

    @Test func junitFailsOnlyAtTheGate() throws {
        func failures(_ arguments: [String]) throws -> (cases: Int, failures: Int) {
            let xml = try runTool(["check", "Fixtures/twlan", "--format", "junit"] + arguments).stdout
            let cases = xml.components(separatedBy: "<testcase ").count - 1
            let failed = xml.components(separatedBy: "<failure ").count - 1
            return (cases, failed)
        }
        let high = try failures([])
        let low = try failures(["--fail-on", "low"])
        let never = try failures(["--fail-on", "never"])
        #expect(high.failures == 2, "CA215 and CA211 are high; medium, low and info findings are not failures")
        #expect(low.failures > high.failures && low.cases == high.cases)
        #expect(never.failures == 0)
    }
}
