import ComposeAuditCore
import ComposeAuditEngine

/// `compose-audit rules --json`: every rule and its fix's declared safety, for tools (the fix oracle reads the
/// model parts each fix may change).
public enum RuleCatalogJSON {
    struct Entry: Encodable {
        var id: String
        var name: String
        var category: String
        var severity: String
        var optInSet: String?
        var requiredProgram: String?
        var cis: [String]
        var owasp: [String]
        var cwe: [String]
        var fix: FixEntry?
    }

    struct FixEntry: Encodable {
        var title: String
        var `class`: String
        var effects: [String]
        var consequence: String
        var modelParts: [String]
    }

    public static func render(_ rules: [RuleDescription]) -> String {
        JSONText.encode(rules.map { rule in
            Entry(id: rule.id, name: rule.name, category: rule.category.rawValue, severity: rule.severity.name, optInSet: rule.optInSet,
                  requiredProgram: rule.requiredProgram,
                  cis: rule.standards.cis, owasp: rule.standards.owasp, cwe: rule.standards.cwe.map { "CWE-\($0)" },
                  fix: rule.fixTitle.flatMap { title in
                      rule.fixSafety.map { safety in
                          FixEntry(title: title, class: safety.applicability.rawValue, effects: safety.effects.map(\.rawValue),
                                   consequence: safety.consequence, modelParts: safety.modelParts)
                      }
                  })
        })
    }
}
