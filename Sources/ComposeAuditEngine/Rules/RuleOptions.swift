import ComposeAuditCore
import ComposeAuditSyntax

/// Options a rule owns, written under `rules: { ID: {...} }` in `.compose-audit.yml` and parsed by the rule's
/// own type: the configuration keeps them as written until the rule reads them.
public protocol RuleOptions: Sendable {
    /// The options when the configuration sets none.
    init()
    /// Reads the options from their mapping; errors name the file, line and column.
    init(_ value: YAMLNode, in tree: YAMLTree) throws(InputError)
}

/// A rule with options: the engine gives it the project's options before it runs, so the rule never reads
/// the configuration itself.
public protocol ConfigurableRule: Rule {
    associatedtype Options: RuleOptions
    var options: Options { get set }
}

extension ConfigurableRule {
    /// The description's entry for the options: an example for the docs and the parser the configuration checks.
    public static func optionsDescription(example: String) -> RuleOptionsDescription {
        RuleOptionsDescription(example: example) { value, tree throws(InputError) in _ = try Options(value, in: tree) }
    }

    public func configured(by configuration: Configuration) -> any Rule {
        guard let written = configuration.ruleOptions(for: Self.description), let tree = configuration.tree else { return self }
        var rule = self
        // The configuration was checked when it was loaded; a value that still does not parse keeps the defaults.
        rule.options = (try? Options(written, in: tree)) ?? Options()
        return rule
    }
}

/// What a rule's options look like (for `explain` and docs/rules.md) and how the configuration checks them.
public struct RuleOptionsDescription: Sendable {
    public var example: String
    public var validate: @Sendable (YAMLNode, YAMLTree) throws(InputError) -> Void

    public init(example: String, validate: @escaping @Sendable (YAMLNode, YAMLTree) throws(InputError) -> Void) {
        self.example = example
        self.validate = validate
    }
}

/// Reads one rule's options mapping, with errors at the place they concern.
public struct RuleOptionsReader {
    public let tree: YAMLTree
    public let value: YAMLNode

    /// Fails on a key the rule does not read.
    public init(_ value: YAMLNode, in tree: YAMLTree, keys: [String]) throws(InputError) {
        self.tree = tree
        self.value = value
        for (key, _) in tree.entries(value) {
            let name = tree.string(key) ?? ""
            guard keys.contains(name) else {
                throw error(at: key, "unknown option `\(name)`; this rule reads \(keys.map { "`\($0)`" }.joined(separator: ", "))")
            }
        }
    }

    public func error(at node: YAMLNode, _ reason: String) -> InputError {
        InputError(file: tree.source, offset: tree.range(node).start, reason: reason)
    }

    /// A list of strings under `key`, nil when the key is absent.
    public func strings(_ key: String) throws(InputError) -> [String]? {
        guard let node = tree.value(value, forKey: key) else { return nil }
        guard tree.kind(tree.resolved(node)) == .sequence else { throw error(at: node, "`\(key)` expects a list") }
        var result: [String] = []
        for item in tree.items(node) {
            guard let text = tree.string(item) else { throw error(at: item, "`\(key)` expects strings") }
            result.append(text)
        }
        return result
    }

    /// The entries of the mapping under `key` (empty when the key is absent).
    public func entries(_ key: String) throws(InputError) -> [(key: YAMLNode, value: YAMLNode)] {
        guard let node = tree.value(value, forKey: key) else { return [] }
        guard tree.kind(tree.resolved(node)) == .mapping else { throw error(at: node, "`\(key)` expects a mapping") }
        return tree.entries(node)
    }
}
