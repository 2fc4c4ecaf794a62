/// Codes of the outside checks a rule runs, which people name like rules: ShellCheck's `SC2086` (CA423's findings
/// carry them). `ignore: [SC2086]`, `--ignore SC2086`, `per-file-ignores` and `# compose-audit: disable=SC2086`
/// drop the findings of that code; a selection that names the rule only by codes keeps only those codes.
public enum ExternalCode {
    /// `SC` and four digits, in any case.
    public static func isShellCheckCode(_ text: String) -> Bool {
        let upper = text.uppercased()
        return upper.count == 6 && upper.hasPrefix("SC") && upper.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Whether `rule` reports findings that carry such codes.
    public static func isReported(by rule: RuleDescription) -> Bool { rule.requiredProgram == "shellcheck" }
}
