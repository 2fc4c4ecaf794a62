import ComposeAuditCore

/// The findings the engine itself reports about suppression comments.
public enum SuppressionDiagnostics {
    public static let unknownRule = RuleDescription(
        id: "CA001", name: "unknown-suppressed-rule", category: .consistency, severity: .info, subject: "suppression",
        summary: "A `# compose-audit: disable=` comment names a rule that does not exist",
        rationale: "A typo in a suppression silences nothing and hides the intent; use an id (`CA201`) or a name (`container-runs-as-root`) from `compose-audit rules`.",
        triggering: [RuleExample("a typo", files: ["compose.yaml": "services:\n  web:  # compose-audit: disable=CA9999\n    image: nginx:1.27\n"])],
        nonTriggering: [RuleExample("a real id", files: ["compose.yaml": "services:\n  web:  # compose-audit: disable=CA306\n    image: nginx:1.27\n"])])

    public static let unusedSuppression = RuleDescription(
        id: "CA002", name: "unused-suppression", category: .consistency, severity: .info, subject: "suppression",
        summary: "A `# compose-audit: disable=` comment silences nothing",
        rationale: "A suppression whose finding went away (fixed, or the rule changed) is noise that will silence a future, different problem at the same place. Remove it.",
        triggering: [RuleExample("nothing to silence", files: ["compose.yaml": "services:\n  web:\n    # compose-audit: disable=CA202\n    image: nginx:1.27\n"])],
        nonTriggering: [RuleExample("silences a finding", files: ["compose.yaml": "services:\n  web:\n    # compose-audit: disable=CA202 -- the agent needs devices\n    privileged: true\n"])])

    public static let all = [unknownRule, unusedSuppression]
}
