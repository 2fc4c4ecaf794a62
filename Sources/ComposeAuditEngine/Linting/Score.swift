import ComposeAuditCore

/// The audit score: 0-10 with one decimal, a letter grade, and one score per category.
///
/// Coverage-based: each rule with subjects in the project counts with the weight of its default
/// severity (critical 10, high 6, medium 3, low 1, info 0). Its deficit is the share of its subjects
/// that fail, each failing subject weighted by its finding's severity relative to the rule's default
/// (so a critical CA101 counts more than a high one), capped at 1. A score is
/// `10 × (1 − Σ weight × deficit / Σ weight)` over the rules concerned. A habit repeated in nine
/// services costs one rule's weight, not nine; fixing any finding only lowers a deficit. A project with a
/// critical finding grades C at best, whatever its number: one exposed database is not a B.
public struct Score: Sendable, Equatable {
    public var overall: Double
    public var categories: [Category: Double]
    /// Whether a finding of critical severity counts in the score (it caps the grade).
    public var hasCritical = false

    public static func weight(_ severity: Severity) -> Double {
        switch severity {
        case .critical: 10
        case .high: 6
        case .medium: 3
        case .low: 1
        case .info: 0
        }
    }

    public init(overall: Double, categories: [Category: Double]) {
        self.overall = overall
        self.categories = categories
    }

    public init(tallies: [RuleTally]) {
        func score(_ selected: [RuleTally]) -> Double? {
            var total = 0.0
            var lost = 0.0
            for tally in selected where tally.subjectCount > 0 {
                let weight = Score.weight(tally.rule.severity)
                guard weight > 0 else { continue }
                let failed = tally.failingSubjects.values.reduce(0.0) { $0 + Score.weight($1) / weight }
                total += weight
                lost += weight * min(1, failed / Double(tally.subjectCount))
            }
            guard total > 0 else { return nil }
            return Score.rounded(10 * (1 - lost / total))
        }
        var categories: [Category: Double] = [:]
        for category in Category.allCases {
            if let value = score(tallies.filter { $0.rule.category == category }) { categories[category] = value }
        }
        self.init(overall: score(tallies) ?? 10, categories: categories)
        hasCritical = tallies.contains { $0.failingSubjects.values.contains(.critical) }
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// A ≥ 9, B ≥ 7.5, C ≥ 6, D ≥ 4, else F.
    public static func grade(_ value: Double) -> String {
        switch value {
        case 9...: "A"
        case 7.5..<9: "B"
        case 6..<7.5: "C"
        case 4..<6: "D"
        default: "F"
        }
    }

    /// The letter for the number, capped at C when a critical finding counts.
    public var grade: String {
        let letter = Score.grade(overall)
        return hasCritical && ["A", "B"].contains(letter) ? "C" : letter
    }

    /// `6.3` style text with one decimal.
    public static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
