import ComposeAuditCore
import ComposeAuditSyntax

/// `.compose-audit.yml`: which rules run, their severities, the gate, fix defaults and per-file ignores.
/// Layering: built-in defaults < this file < the command line.
public struct Configuration: Sendable {
    public struct ResourceLimit: Sendable, Equatable {
        public var memory: String
        public var cpus: String
    }

    public var path: String?
    /// Rule ids, id prefixes (`CA3`) or names; empty means every rule.
    public var select: [String] = []
    public var ignore: [String] = []
    public var severity: [String: Severity] = [:]
    /// nil: not set here; `.some(nil)`: `never`.
    public var failOn: Severity??
    public var minimumScore: Double?
    /// Resource limits per service kind (`database`, `cache`, `proxy`, `application`, `other`) for CA301's fix.
    public var resources: [String: ResourceLimit] = [:]
    /// Registries (or registry/namespace prefixes) images may come from; empty means any (CA414).
    public var trustedRegistries: [String] = []
    /// Glob patterns (relative to the project folder) and the rules ignored in matching files.
    public var perFileIgnores: [(pattern: String, rules: [String])] = []

    public init() {}

    public static let fileName = ".compose-audit.yml"
    static let kinds: Set<String> = ["database", "cache", "proxy", "application", "other"]

    public func selects(_ rule: RuleDescription) -> Bool {
        func matches(_ references: [String]) -> Bool {
            references.contains { reference in
                let upper = reference.uppercased()
                return rule.id.hasPrefix(upper) || rule.name == reference.lowercased()
            }
        }
        if matches(ignore) { return false }
        return select.isEmpty || matches(select)
    }

    public static func parse(_ source: SourceFile) throws(InputError) -> Configuration {
        let tree = try YAMLParser.parse(source)
        var configuration = Configuration()
        configuration.path = source.path
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
        guard tree.kind(root) == .mapping else { throw fail(root, "the configuration must be a mapping") }
        for (key, value) in tree.entries(root) {
            switch tree.string(key) {
            case "select": configuration.select = try strings(value)
            case "ignore": configuration.ignore = try strings(value)
            case "severity":
                for (rule, level) in tree.entries(value) {
                    guard let id = tree.string(rule), let name = tree.string(level), let severity = Severity(name: name) else {
                        throw fail(level, "expected critical, high, medium, low or info")
                    }
                    configuration.severity[id.uppercased()] = severity
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
            case "resources":
                for (kind, limits) in tree.entries(value) {
                    guard let name = tree.string(kind), kinds.contains(name) else {
                        throw fail(kind, "unknown service kind; use \(kinds.sorted().joined(separator: ", "))")
                    }
                    guard let memory = tree.value(limits, forKey: "memory").flatMap(tree.string),
                          let cpus = tree.value(limits, forKey: "cpus").flatMap(tree.string) else {
                        throw fail(limits, "expected `memory` and `cpus`")
                    }
                    configuration.resources[name] = ResourceLimit(memory: memory, cpus: cpus)
                }
            case "trusted-registries": configuration.trustedRegistries = try strings(value)
            case "per-file-ignores":
                for (pattern, rules) in tree.entries(value) {
                    guard let glob = tree.string(pattern) else { throw fail(pattern, "expected a path pattern") }
                    configuration.perFileIgnores.append((glob, try strings(rules)))
                }
            default:
                throw fail(key, "unknown key `\(tree.string(key) ?? "")`; known keys: select, ignore, severity, fail-on, min-score, resources, trusted-registries, per-file-ignores")
            }
        }
        return configuration
    }

    /// Whether a per-file ignore drops this finding (patterns are relative to `root`).
    public func ignoresPerFile(_ finding: Finding, root: String) -> Bool {
        guard !perFileIgnores.isEmpty else { return false }
        let path = PathName.relative(finding.location.path, to: root) ?? finding.location.path
        for entry in perFileIgnores {
            guard let ignore = try? DockerIgnore.parse(SourceFile(path: "", text: entry.pattern + "\n")), ignore.excludes(path) else { continue }
            if entry.rules.contains(where: { finding.ruleID.hasPrefix($0.uppercased()) || finding.ruleName == $0.lowercased() }) { return true }
        }
        return false
    }
}
