import ComposeAuditCore
import ComposeAuditSyntax

/// `.compose-audit.yml`: which rules run, their severities, the gate, fix defaults and per-file ignores.
/// Layering: built-in defaults < this file < the command line.
public struct Configuration: Sendable {
    public var path: String?
    /// Rule ids, id prefixes (`CA3`) or names; empty means every rule.
    public var select: [String] = []
    /// Rules added to the default set or to `select` (opt-in rules such as the `hardening` set are named here).
    public var extendSelect: [String] = []
    public var ignore: [String] = []
    public var severityOverrides: [(reference: RuleReference, severity: Severity)] = []
    /// nil: not set here; `.some(nil)`: `never`.
    public var failOn: Severity??
    public var minimumScore: Double?
    /// Each rule's options as written under `rules:` (the rule's own type parses them), by the id or name written.
    var writtenRuleOptions: [(reference: RuleReference, value: YAMLNode, offset: Int)] = []
    /// The parsed file, which the written rule options point into.
    public private(set) var tree: YAMLTree?
    /// Glob patterns (relative to the project folder) and the rules ignored in matching files.
    public var perFileIgnores: [(pattern: String, rules: [String])] = []
    /// Globs of project folders or compose files that `--recursive` leaves out (read from the recursive root's file).
    public var exclude: [String] = []
    /// What the project is for when its files do not say it well enough (`purpose:`); nil: judged from the files.
    public var purpose: DeclaredPurpose?
    /// Every rule the file names (select, ignore, severity, per-file-ignores) where it names it, for `validate`.
    var writtenReferences: [(reference: RuleReference, offset: Int)] = []
    var source: SourceFile?

    public init() {}

    public static let fileName = ".compose-audit.yml"

    /// The keys the file takes, in the order the error message and editor completion list them.
    public static let keys: [(name: String, summary: String)] = [
        ("select", "Only these rules: ids, prefixes (`CA3`), categories or names"),
        ("extend-select", "Add these rules to the defaults (or to select): `hardening` turns on the hardening set"),
        ("ignore", "Leave out these rules"),
        ("severity", "Other severities by rule, prefix or category (`CA301: low`)"),
        ("fail-on", "The lowest severity that fails the gate, or `never`"),
        ("min-score", "The lowest audit score (0-10) that passes the gate"),
        ("rules", "Options of the rules that take them (`CA301: {limits: ...}`)"),
        ("per-file-ignores", "Rules ignored in files matching a glob"),
        ("exclude", "Globs of project folders `--recursive` leaves out"),
        ("purpose", "`deployment` (left running: habits asked) or `local` (run by hand: habits are information)"),
    ]

    /// The options written for `rule` under `rules:`, by its id or name.
    public func ruleOptions(for rule: RuleDescription) -> YAMLNode? {
        writtenRuleOptions.last { $0.reference.names(rule) }?.value
    }

    public func selects(_ rule: RuleDescription) -> Bool {
        func matches(_ references: [String]) -> Bool { references.contains { RuleReference($0).matches(rule) } }
        // An ignored code drops findings (`keeps`), not the rule that reports them.
        if ignore.contains(where: { !RuleReference($0).isExternalCode && RuleReference($0).matches(rule) }) { return false }
        if rule.optInSet != nil { return (select + extendSelect).contains { RuleReference($0).selectsOptIn(rule) } }
        return select.isEmpty || matches(select) || matches(extendSelect)
    }

    /// The severity the file gives `rule`, keyed by id, prefix, category or name: the most specific key wins (an id
    /// or name over a prefix, a longer prefix over a shorter, a prefix over a category), then the last written.
    public func severityOverride(for rule: RuleDescription) -> Severity? {
        var best: (specificity: Int, severity: Severity)?
        for (reference, severity) in severityOverrides {
            guard let specificity = reference.specificity(for: rule), specificity >= (best?.specificity ?? 0) else { continue }
            best = (specificity, severity)
        }
        return best?.severity
    }

    /// Throws at the first rule reference of the file that names no rule among `rules`, where it is written.
    public func validate(against rules: [RuleDescription]) throws(InputError) {
        guard let source else { return }
        for (reference, offset) in writtenReferences {
            if let problem = reference.problem(among: rules) { throw InputError(file: source, offset: offset, reason: problem) }
        }
        guard let tree else { return }
        for (reference, value, offset) in writtenRuleOptions {
            guard let rule = rules.first(where: reference.names) else {
                let problem = reference.problem(among: rules) ?? "`rules:` takes a rule id or name, not a prefix or category"
                throw InputError(file: source, offset: offset, reason: problem)
            }
            guard let options = rule.options else {
                let configurable = rules.filter { $0.options != nil }.map(\.id).joined(separator: ", ")
                throw InputError(file: source, offset: offset, reason: "\(rule.id) has no options; rules with options: \(configurable)")
            }
            try options.validate(value, tree)
        }
    }

    public static func parse(_ source: SourceFile) throws(InputError) -> Configuration {
        let tree = try YAMLParser.parse(source)
        var configuration = Configuration()
        configuration.path = source.path
        configuration.source = source
        configuration.tree = tree
        guard let root = tree.documents.first, !tree.isNull(root) else { return configuration }
        func fail(_ node: YAMLNode, _ reason: String) -> InputError { InputError(file: source, offset: tree.range(node).start, reason: reason) }
        func strings(_ node: YAMLNode) throws(InputError) -> [String] {
            guard tree.kind(tree.resolved(node)) == .sequence else { throw fail(node, "expected a list") }
            var result: [String] = []
            for item in tree.items(node) {
                guard let text = tree.string(item) else { throw fail(item, "expected a string") }
                result.append(text)
            }
            return result
        }
        func rules(_ node: YAMLNode) throws(InputError) -> [String] {
            let texts = try strings(node)
            for (item, text) in zip(tree.items(node), texts) {
                configuration.writtenReferences.append((RuleReference(text), tree.range(item).start))
            }
            return texts
        }
        guard tree.kind(root) == .mapping else { throw fail(root, "the configuration must be a mapping") }
        for (key, value) in tree.entries(root) {
            switch tree.string(key) {
            case "select": configuration.select = try rules(value)
            case "extend-select": configuration.extendSelect = try rules(value)
            case "ignore": configuration.ignore = try rules(value)
            case "severity":
                for (rule, level) in tree.entries(value) {
                    guard let id = tree.string(rule), let name = tree.string(level), let severity = Severity(name: name) else {
                        throw fail(level, "expected critical, high, medium, low or info")
                    }
                    configuration.writtenReferences.append((RuleReference(id), tree.range(rule).start))
                    configuration.severityOverrides.append((RuleReference(id), severity))
                }
            case "fail-on":
                guard let name = tree.string(value) else { throw fail(value, "expected a severity or never") }
                if name == "never" { configuration.failOn = .some(nil) } else if let severity = Severity(name: name) {
                    configuration.failOn = .some(severity)
                } else {
                    throw fail(value, "expected critical, high, medium, low, info or never, not `\(name)`")
                }
            case "min-score":
                guard let text = tree.string(value), let score = Double(text), (0...10).contains(score) else {
                    throw fail(value, "expected a number from 0 to 10")
                }
                configuration.minimumScore = score
            case "rules":
                guard tree.kind(tree.resolved(value)) == .mapping else { throw fail(value, "expected a mapping of rule ids to their options") }
                for (rule, options) in tree.entries(value) {
                    guard let id = tree.string(rule) else { throw fail(rule, "expected a rule id or name") }
                    guard tree.kind(tree.resolved(options)) == .mapping else { throw fail(options, "expected a mapping of \(id)'s options") }
                    configuration.writtenRuleOptions.append((RuleReference(id), options, tree.range(rule).start))
                }
            case "resources":
                throw fail(key, "`resources` moved to the rule that reads it: `rules: {CA301: {limits: {database: {memory: 2G, cpus: \"2\"}}}}`")
            case "trusted-registries":
                throw fail(key, "`trusted-registries` moved to the rule that reads it: `rules: {CA414: {registries: [ghcr.io/acme]}}`")
            case "exclude": configuration.exclude = try strings(value)
            case "purpose":
                guard let name = tree.string(value), let purpose = DeclaredPurpose(rawValue: name) else {
                    throw fail(value, "expected deployment or local")
                }
                configuration.purpose = purpose
            case "per-file-ignores":
                for (pattern, listed) in tree.entries(value) {
                    guard let glob = tree.string(pattern) else { throw fail(pattern, "expected a path pattern") }
                    configuration.perFileIgnores.append((glob, try rules(listed)))
                }
            default:
                throw fail(key, "unknown key `\(tree.string(key) ?? "")`; known keys: " + keys.map(\.name).joined(separator: ", "))
            }
        }
        return configuration
    }

    /// Whether a glob (`.dockerignore` syntax: `*`, `**`, `?`, classes) matches a relative path or one of its folders.
    public static func glob(_ pattern: String, matches path: String) -> Bool {
        guard let ignore = try? DockerIgnore.parse(SourceFile(path: "", text: pattern + "\n")) else { return false }
        return ignore.excludes(path)
    }

    /// Whether a finding with an outside check's code stays: not when its code is ignored, nor when the selection
    /// names its rule only by codes and not this one (`select: [SC2164]` keeps SC2164 alone; `select: [build]` all).
    public func keeps(_ finding: Finding, of rule: RuleDescription) -> Bool {
        guard let code = finding.code else { return true }
        if ignore.contains(where: { $0.uppercased() == code.uppercased() }) { return false }
        let selected = (select + extendSelect).filter { RuleReference($0).isExternalCode }
        guard !selected.isEmpty else { return true }
        let whole = select.isEmpty || (select + extendSelect).contains { !RuleReference($0).isExternalCode && RuleReference($0).matches(rule) }
        return whole || selected.contains { $0.uppercased() == code.uppercased() }
    }

    /// Whether a per-file ignore drops this finding (patterns are relative to `root`).
    public func ignoresPerFile(_ finding: Finding, root: String) -> Bool {
        guard !perFileIgnores.isEmpty else { return false }
        let path = PathName.relative(finding.location.path, to: root) ?? finding.location.path
        for entry in perFileIgnores {
            guard Self.glob(entry.pattern, matches: path) else { continue }
            if entry.rules.contains(where: { reference in
                RuleReference(reference).matches(id: finding.ruleID, name: finding.ruleName, category: finding.category)
                    || finding.code.map { reference.uppercased() == $0.uppercased() } == true
            }) {
                return true
            }
        }
        return false
    }
}
