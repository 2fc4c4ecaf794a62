import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules
import Foundation
import Testing

/// The CIS, OWASP and CWE map: every reference exists, the coverage stated for each CIS control agrees with the
/// rules that name it, and the generated page and SARIF carry it.
@Suite("Security standards")
struct StandardsTests {
    static let rules = BuiltinRules.documented

    @Test func everyReferenceNamesAnItemOfItsStandard() {
        let cis = Set(SecurityStandards.cisControls.map(\.id))
        let owasp = Set(SecurityStandards.owaspItems.map(\.id))
        for rule in Self.rules {
            #expect(Set(rule.standards.cis).isSubset(of: cis), "\(rule.id): \(rule.standards.cis)")
            #expect(Set(rule.standards.owasp).isSubset(of: owasp), "\(rule.id): \(rule.standards.owasp)")
            #expect(rule.standards.cwe.allSatisfy { SecurityStandards.cweTitles[$0] != nil }, "\(rule.id): \(rule.standards.cwe)")
        }
        #expect(SecurityStandards.cisControls.count == 12 + 32, "sections 4 (12 controls) and 5 (32)")
    }

    @Test func aControlIsCheckedExactlyWhenSomeRuleNamesIt() {
        for control in SecurityStandards.cisControls {
            let named = Self.rules.contains { $0.standards.cis.contains(control.id) }
            switch control.coverage {
            case .checked, .partly: #expect(named, "\(control.id) is \(control.coverage.name) but no rule names it")
            case .notCheckable, .notChecked: #expect(!named, "\(control.id) is \(control.coverage.name) but a rule names it")
            }
            #expect(control.coverage == .checked || !control.coverage.note.isEmpty, "\(control.id) needs a note")
        }
    }

    @Test func everySecurityRuleNamesAWeakness() {
        for rule in Self.rules where rule.category == .security {
            #expect(!rule.standards.cwe.isEmpty && !rule.standards.owasp.isEmpty, "\(rule.id) names no CWE or OWASP item")
        }
    }

    @Test func theStandardsPageIsUpToDate() throws {
        let committed = String(decoding: try LocalFileSystem(root: RuleRegistryTests.packageRoot).contents(of: "docs/standards.md"), as: UTF8.self)
        #expect(committed == StandardsDocumentation.markdown(Self.rules), "docs/standards.md is out of date: run `make docs`")
    }

    /// SARIF: each rule's relationships point at a taxon of a taxonomy the run carries.
    @Test func sarifRelationshipsPointAtCarriedTaxa() throws {
        let report = AuditReport(project: ".", sources: [:], findings: [], tallies: [], score: Score(overall: 10, categories: [:]))
        let text = SARIFReporter().render(report, rules: Self.rules)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        var taxa: Set<String> = []
        for taxonomy in run["taxonomies"] as? [[String: Any]] ?? [] {
            for taxon in taxonomy["taxa"] as? [[String: Any]] ?? [] { taxa.insert("\(taxonomy["name"] ?? "")/\(taxon["id"] ?? "")") }
        }
        #expect(taxa.contains("CIS Docker Benchmark/5.4") && taxa.contains("CWE/CWE-250"))
        let descriptors = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        var relationships = 0
        for descriptor in descriptors {
            for relationship in descriptor["relationships"] as? [[String: Any]] ?? [] {
                let target = try #require(relationship["target"] as? [String: Any])
                let component = try #require((target["toolComponent"] as? [String: Any])?["name"] as? String)
                #expect(taxa.contains("\(component)/\(target["id"] ?? "")"))
                relationships += 1
            }
        }
        #expect(relationships == Self.rules.map { $0.standards.cis.count + $0.standards.owasp.count + $0.standards.cwe.count }.reduce(0, +))
    }
}
