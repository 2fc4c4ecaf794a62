import ArgumentParser
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every rule: id, name, category, severity and fix.")

    /// Kept for scripts; `--format markdown` in the help.
    @Flag(help: ArgumentHelp("Print the full rule documentation as Markdown (docs/rules.md).", visibility: .hidden))
    var markdown = false

    @Flag(name: .customLong("fix-safety"), help: "Print the fix classes and every fix's effects and consequence as Markdown (docs/fix-safety.md).")
    var fixSafety = false

    @Flag(name: .customLong("standards"), help: "Print the CIS, OWASP and CWE coverage as Markdown (docs/standards.md).")
    var standards = false

    /// Kept for scripts; `--format json` in the help.
    @Flag(help: ArgumentHelp("Print every rule as JSON.", visibility: .hidden))
    var json = false

    @Option(help: """
        text (a line a rule), json (every rule with its opt-in set, program, standards and fix), or markdown \
        (docs/rules.md; --json and --markdown still work).
        """)
    var format: RulesFormat = .text

    enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func run() {
        if standards {
            Console.write(StandardsDocumentation.markdown(BuiltinRules.documented))
            return
        }
        if markdown || format == .markdown {
            Console.write(RuleDocumentation.markdown(BuiltinRules.documented))
            return
        }
        if fixSafety {
            Console.write(RuleDocumentation.fixSafetyMarkdown(BuiltinRules.documented))
            return
        }
        if json || format == .json {
            Console.write(RuleCatalogJSON.render(BuiltinRules.documented))
            return
        }
        var lines = ["ID     NAME                                 CATEGORY     SEVERITY  FIX"]
        for rule in BuiltinRules.documented {
            let fix = rule.fixApplicability?.rawValue ?? "-"
            lines.append([rule.id.padded(6), rule.name.padded(36), rule.category.rawValue.padded(12),
                          rule.severity.name.padded(9), fix].joined(separator: " "))
        }
        Console.write(lines.joined(separator: "\n") + "\n")
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a rule: what it detects, why it matters, a bad and a good example, and its fix.",
        discussion: "Example: compose-audit explain CA201 (a rule name such as container-runs-as-root works too)."
    )

    @Argument(help: "A rule id or name.")
    var rule: String

    func validate() throws {
        guard BuiltinRules.description(for: rule) != nil else {
            throw ValidationError("unknown rule `\(rule)`; `compose-audit rules` lists them")
        }
    }

    func run() {
        guard let description = BuiltinRules.description(for: rule) else { return }
        Console.write(RuleDocumentation.text(description))
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
