import ComposeAuditEngine

/// The standards as SARIF taxonomies (`runs[].taxonomies`): one tool component each for the CIS Docker Benchmark,
/// the OWASP Docker Top 10 and CWE, holding the items the rules name; each rule's descriptor points at its items
/// through `relationships`.
extension SARIFReporter {
    struct Taxonomy: Encodable {
        var name: String
        var version: String?
        var informationUri: String
        var isComprehensive = false
        var taxa: [Taxon]
    }

    struct Taxon: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
    }

    struct Relationship: Encodable {
        var target: TaxonReference
        var kinds = ["relevant"]
    }

    struct TaxonReference: Encodable {
        var id: String
        var toolComponent: ComponentReference
    }

    struct ComponentReference: Encodable { var name: String }

    static let cweVersion = "4.16"

    /// The taxonomies, with only the items some rule names (in the standards' own order).
    static func taxonomies(_ rules: [RuleDescription]) -> [Taxonomy] {
        let cis = Set(rules.flatMap(\.standards.cis))
        let owasp = Set(rules.flatMap(\.standards.owasp))
        let cwe = Set(rules.flatMap(\.standards.cwe))
        return [
            Taxonomy(name: SecurityStandards.cisName, version: SecurityStandards.cisVersion,
                     informationUri: "https://www.cisecurity.org/benchmark/docker",
                     taxa: SecurityStandards.cisControls.filter { cis.contains($0.id) }.map {
                         Taxon(id: $0.id, name: $0.title, shortDescription: Text(text: $0.title))
                     }),
            Taxonomy(name: SecurityStandards.owaspName, version: nil, informationUri: "https://owasp.org/www-project-docker-top-10/",
                     taxa: SecurityStandards.owaspItems.filter { owasp.contains($0.id) }.map {
                         Taxon(id: $0.id, name: $0.title, shortDescription: Text(text: $0.title))
                     }),
            Taxonomy(name: SecurityStandards.cweName, version: cweVersion, informationUri: "https://cwe.mitre.org/",
                     taxa: SecurityStandards.cweTitles.filter { cwe.contains($0.key) }.sorted { $0.key < $1.key }.map {
                         Taxon(id: "CWE-\($0.key)", name: $0.value, shortDescription: Text(text: $0.value))
                     }),
        ].filter { !$0.taxa.isEmpty }
    }

    static func relationships(_ rule: RuleDescription) -> [Relationship]? {
        let standards = rule.standards
        let all = standards.cis.map { (SecurityStandards.cisName, $0) } + standards.owasp.map { (SecurityStandards.owaspName, $0) }
            + standards.cwe.map { (SecurityStandards.cweName, "CWE-\($0)") }
        return all.isEmpty ? nil : all.map { Relationship(target: TaxonReference(id: $0.1, toolComponent: ComponentReference(name: $0.0))) }
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
