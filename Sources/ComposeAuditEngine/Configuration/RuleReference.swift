import ComposeAuditCore

/// A rule named by a person, on the command line or in `.compose-audit.yml`: an id (`CA301`), an id prefix
/// (`CA3`), a category (`security`), a rule name (`no-new-privileges-missing`), `all`, or `cis` (every rule that
/// checks a CIS Docker Benchmark control, opt-in ones included: strict CIS mode).
public struct RuleReference: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var text: String

    public init(_ text: String) { self.text = text }

    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }

    public func matches(_ rule: RuleDescription) -> Bool {
        matches(id: rule.id, name: rule.name, category: rule.category) || isOptInSet(of: rule) || isCISSet(of: rule)
            || isExternalCode && ExternalCode.isReported(by: rule)
    }

    /// A ShellCheck code (`SC2086`): it names the findings of that code, of the rule that runs ShellCheck.
    public var isExternalCode: Bool { ExternalCode.isShellCheckCode(text) }

    static let cis = "cis"

    /// Whether this reference is `cis` and `rule` checks a CIS Docker Benchmark control.
    public func isCISSet(of rule: RuleDescription) -> Bool { text.lowercased() == Self.cis && !rule.standards.cis.isEmpty }

    /// Whether this reference is the name of the opt-in set `rule` belongs to (`hardening`).
    public func isOptInSet(of rule: RuleDescription) -> Bool {
        rule.optInSet.map { $0 == text.lowercased() } ?? false
    }

    /// Whether this reference turns on an opt-in rule: its id, its name, or its set's name.
    public func selectsOptIn(_ rule: RuleDescription) -> Bool { names(rule) || isOptInSet(of: rule) || isCISSet(of: rule) }

    public func matches(id: String, name: String, category: Category) -> Bool {
        let lower = text.lowercased()
        if lower == "all" || name == lower || category.rawValue == lower { return true }
        let upper = text.uppercased()
        return upper.hasPrefix("CA") && upper.dropFirst(2).allSatisfy(\.isNumber) && id.hasPrefix(upper)
    }

    /// Whether this reference names exactly `rule`: its id or its name (not a prefix, category or `all`).
    public func names(_ rule: RuleDescription) -> Bool {
        rule.id == text.uppercased() || rule.name == text.lowercased()
    }

    /// How closely this reference names `rule` (nil: not at all): a name or whole id 100, an id prefix its length,
    /// a category 1, `all` 0. A severity override keyed more closely wins.
    public func specificity(for rule: RuleDescription) -> Int? {
        // A code names findings, not the rule: it gives the rule no severity.
        guard matches(rule), !isExternalCode else { return nil }
        let lower = text.lowercased()
        if lower == "all" || lower == Self.cis { return 0 }
        if rule.category.rawValue == lower, rule.name != lower { return 1 }
        if rule.name == lower || rule.id == text.uppercased() { return 100 }
        return text.count
    }

    /// Why this reference names no rule among `rules` (with the nearest spelling that does), or nil when it names one.
    public func problem(among rules: [RuleDescription]) -> String? {
        guard !rules.contains(where: matches) else { return nil }
        let words = ["all", Self.cis] + Category.allCases.map(\.rawValue) + rules.map(\.id) + rules.map(\.name) + rules.compactMap(\.optInSet)
        var reason = "unknown rule `\(text)`: not a rule id (CA301), id prefix (CA3), category (\(Category.allCases.map(\.rawValue).joined(separator: ", "))), rule name, `hardening`, `cis` or a ShellCheck code (SC2086)"
        let candidate = text.uppercased().hasPrefix("CA") ? text.uppercased() : text.lowercased()
        let suggestion = Spelling.closest(to: candidate, among: words, maximumEdits: 2)
            ?? rules.first { $0.name.hasPrefix(candidate) && candidate.count >= 4 }?.name
        if let suggestion { reason += "; did you mean `\(suggestion)`?" }
        return reason
    }
}

/// Which rules run, from the command line: `--select` replaces the configuration's list, `--extend-select` adds to
/// it, `--ignore` adds to its ignores.
public struct RuleSelection: Sendable, Equatable {
    public var select: [RuleReference]
    public var extendSelect: [RuleReference]
    public var ignore: [RuleReference]

    public init(select: [RuleReference] = [], extendSelect: [RuleReference] = [], ignore: [RuleReference] = []) {
        self.select = select
        self.extendSelect = extendSelect
        self.ignore = ignore
    }

    public var isEmpty: Bool { select.isEmpty && extendSelect.isEmpty && ignore.isEmpty }

    /// The configuration with these choices layered over it.
    public func applied(to configuration: Configuration) -> Configuration {
        var result = configuration
        if !select.isEmpty { result.select = select.map(\.text) }
        if !extendSelect.isEmpty, !result.select.isEmpty { result.select += extendSelect.map(\.text) }
        result.extendSelect += extendSelect.map(\.text)
        result.ignore += ignore.map(\.text)
        return result
    }
}
