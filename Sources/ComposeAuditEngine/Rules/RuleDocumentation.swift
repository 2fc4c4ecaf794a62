/// A rule's documentation as plain text (for `explain`) from its own description.
public enum RuleDocumentation {
    public static func text(_ rule: RuleDescription) -> String {
        var lines = ["\(rule.id) \(rule.name)",
                     "Category: \(rule.category.rawValue)   Severity: \(rule.severity.name)   Counted per: \(rule.subject)",
                     "", rule.summary, "", "Why it matters", rule.rationale]
        if let bad = rule.triggering.first {
            lines += ["", "Bad (\(bad.note))"] + files(bad)
        }
        if let good = rule.nonTriggering.first {
            lines += ["", "Good (\(good.note))"] + files(good)
        }
        lines += ["", "Fix"]
        if let title = rule.fixTitle, let applicability = rule.fixApplicability {
            let safety = applicability == .safe
                ? "safe: applied by `compose-audit fix --write`"
                : "unsafe: changes runtime behaviour; applied only with `--unsafe-fixes`, review it"
            lines.append("\(title) (\(safety))")
        } else {
            lines.append("None: this rule is advisory and needs a human decision.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func files(_ example: RuleExample) -> [String] {
        example.files.keys.sorted().flatMap { path -> [String] in
            let text = (example.files[path] ?? "").filter { $0 != RuleExample.marker }
            return ["  # \(path)"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
    }
}
