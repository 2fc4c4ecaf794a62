import ComposeAuditEngine

/// Which CIS Docker Benchmark v1.6.0 controls, OWASP Docker Top 10 items and CWE weaknesses each rule relates to,
/// in one table so the mapping can be read and reviewed at once (docs/standards.md is generated from it). Rules
/// about consistency, operations or build hygiene that no standard names are absent.
enum RuleStandards {
    static let table: [String: StandardReferences] = [
        "CA201": .init(cis: ["4.1"], owasp: ["D01"], cwe: [250]),
        "CA202": .init(cis: ["5.5"], owasp: ["D04"], cwe: [250]),
        "CA203": .init(cis: ["5.32", "5.6"], owasp: ["D04"], cwe: [668]),
        "CA204": .init(cis: ["5.10", "5.16", "5.17", "5.31"], owasp: ["D05"], cwe: [668]),
        "CA205": .init(cis: ["5.26"], owasp: ["D04"], cwe: [269]),
        "CA206": .init(cis: ["5.4"], owasp: ["D04"], cwe: [250]),
        "CA207": .init(owasp: ["D06"], cwe: [798]),
        "CA208": .init(owasp: ["D04"], cwe: [306]),
        "CA209": .init(cis: ["5.9", "5.14"], owasp: ["D03"], cwe: [668]),
        "CA210": .init(owasp: ["D09"], cwe: [732]),
        "CA211": .init(owasp: ["D06"], cwe: [1392]),
        "CA212": .init(cis: ["4.10"], owasp: ["D06"], cwe: [798]),
        "CA213": .init(cis: ["4.10"], owasp: ["D06"], cwe: [538]),
        "CA214": .init(cis: ["5.30"], owasp: ["D03"], cwe: [653]),
        "CA215": .init(owasp: ["D06"], cwe: [1392]),
        "CA216": .init(cis: ["5.2", "5.3", "5.22"], owasp: ["D04"], cwe: [693]),
        "CA217": .init(owasp: ["D06"], cwe: [798]),
        "CA218": .init(cis: ["5.6"], owasp: ["D04"], cwe: [732]),
        "CA219": .init(cis: ["5.4"], owasp: ["D04"], cwe: [250]),
        "CA220": .init(cis: ["5.13"], owasp: ["D09"], cwe: [732]),
        "CA301": .init(cis: ["5.11", "5.12"], owasp: ["D07"], cwe: [770]),
        "CA302": .init(owasp: ["D07"]),
        "CA303": .init(owasp: ["D07", "D10"], cwe: [400]),
        "CA304": .init(cis: ["4.6", "5.27"], cwe: [754]),
        "CA306": .init(cis: ["5.15"]),
        "CA308": .init(owasp: ["D10"], cwe: [778]),
        "CA401": .init(owasp: ["D06"], cwe: [538]),
        "CA402": .init(owasp: ["D06"], cwe: [538]),
        "CA403": .init(owasp: ["D08"]),
        "CA404": .init(cis: ["4.2"], owasp: ["D02", "D08"], cwe: [1357]),
        "CA405": .init(owasp: ["D08"]),
        "CA407": .init(cis: ["4.3", "4.7"], owasp: ["D04"]),
        "CA409": .init(cis: ["4.9"], owasp: ["D08"], cwe: [829]),
        "CA417": .init(cis: ["4.7"]),
        "CA414": .init(cis: ["4.2"], owasp: ["D08"], cwe: [829]),
        "CA416": .init(owasp: ["D01"], cwe: [250]),
        "CA422": .init(cwe: [252]),
        "CA503": .init(cwe: [456]),
        "CA515": .init(cwe: [456]),
    ]

    static func references(of id: String) -> StandardReferences { table[id] ?? StandardReferences() }
}
