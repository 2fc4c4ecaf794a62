import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

/// `--select`, `--extend-select` and `--ignore`, the same on every command that reads projects. A rule is named by
/// id (CA301), id prefix (CA3), category (security), rule name, or `all`; a value may list several, comma-separated.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only these rules (ids, prefixes like CA3, categories, names, all, hardening, cis, ShellCheck codes like SC2086; comma-separated, repeatable). Replaces the configuration's select.", valueName: "rules"))
    var select: [String] = []

    @Option(name: .customLong("extend-select"), help: ArgumentHelp("Add these rules to the configuration's select.", valueName: "rules"))
    var extendSelect: [String] = []

    @Option(help: ArgumentHelp("Leave out these rules (added to the configuration's ignore).", valueName: "rules"))
    var ignore: [String] = []

    static func references(_ values: [String]) -> [RuleReference] {
        values.flatMap { $0.split(separator: ",") }.map { RuleReference(String($0.trimmingSpaces)) }
    }

    func validate() throws {
        for (flag, values) in [("--select", select), ("--extend-select", extendSelect), ("--ignore", ignore)] {
            for reference in Self.references(values) {
                if let problem = reference.problem(among: BuiltinRules.documented) { throw ValidationError("\(flag): \(problem)") }
            }
        }
    }

    var selection: RuleSelection {
        RuleSelection(select: Self.references(select), extendSelect: Self.references(extendSelect), ignore: Self.references(ignore))
    }
}
