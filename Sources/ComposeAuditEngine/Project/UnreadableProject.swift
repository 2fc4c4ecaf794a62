import ComposeAuditCore

/// A project that `--recursive` found but cannot read: reported as a finding of its own (in every format, at the
/// error's `file:line:col`) so that one broken project does not hide the others, and gated like any finding.
public enum UnreadableProject {
    public static let rule = RuleDescription(
        id: "CA003", name: "unreadable-project", category: .consistency, severity: .high, subject: "project",
        summary: "A compose project found by `--recursive` cannot be read (a YAML or template error, an unreadable file)",
        rationale: "Docker Compose refuses such a project, and compose-audit can check nothing in it. In a run over a whole repository the other projects are still audited and reported; this finding says where the broken one fails. Run `compose-audit check` on that folder for the full error.",
        triggering: [RuleExample("a tab used for indentation", files: ["compose.yaml": "services:\n\tweb:\n    image: nginx:1.27\n"])],
        nonTriggering: [RuleExample("a readable project", files: ["compose.yaml": "services:\n  web:\n    image: nginx:1.27\n"])])

    /// The report of a project that failed to load: one finding a problem, the project scored against this rule alone.
    public static func report(folder: String, error: ProjectLoader.LoadError) -> AuditReport {
        let problems: [InputError] = switch error {
        case .input(let input): input.all
        case .noComposeFile, .unreadable: [InputError(path: folder, position: LineColumn(line: 1, column: 1), reason: error.description)]
        }
        let findings = problems.map { problem in
            Finding(ruleID: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity,
                    message: "The project cannot be read: \(problem.reason)",
                    location: SourceLocation(path: problem.path, range: TextRange(start: 0, end: 0)),
                    position: problem.position, endPosition: problem.position, subject: "project", projectRoot: folder)
        }
        let tallies = [RuleTally(rule: rule, subjectCount: 1, failingSubjects: ["project": rule.severity])]
        return AuditReport(project: folder, sources: [:], findings: findings, tallies: tallies, score: Score(tallies: tallies))
    }
}
