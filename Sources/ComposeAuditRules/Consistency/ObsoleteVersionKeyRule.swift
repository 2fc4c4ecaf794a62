import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA508: the top-level `version:` key.
public struct ObsoleteVersionKeyRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA508", name: "obsolete-version-key", category: .consistency, severity: .info,
        subject: "project",
        summary: "The compose file has a top-level `version:`, which Compose v2 ignores and warns about",
        rationale: """
            The Compose Specification has no file version: `docker compose` ignores `version:` and prints \
            "the attribute `version` is obsolete" on every command. It also misleads readers into \
            thinking features are limited to that version.
            """,
        triggering: [
            RuleExample("version 3.8", files: ["compose.yaml": """
                version: ↓"3.8"
                services:
                  web:
                    image: nginx:1.27
                """]),
        ],
        nonTriggering: [
            RuleExample("no version", files: ["compose.yaml": """
                name: shop
                services:
                  web:
                    image: nginx:1.27
                """]),
        ],
        fixTitle: "Remove the `version:` line",
        fixApplicability: .safe,
        corrections: [
            RuleCorrection("the line goes, the comment above stays", before: ["compose.yaml": """
                # shop stack
                version: '3.8'
                services:
                  web:
                    image: nginx:1.27
                """], after: ["compose.yaml": """
                # shop stack
                services:
                  web:
                    image: nginx:1.27
                """]),
        ]
    )

    public func check(_ project: Project) -> RuleOutcome {
        guard let version = project.model.versionKey else { return RuleOutcome(subjectCount: 1, violations: []) }
        var fix: Fix?
        if let tree = project.composeFiles.first(where: { $0.source.path == version.location.path }), let root = tree.documents.first,
           let key = tree.ownKey(root, "version"), let value = tree.ownValue(root, forKey: "version") {
            let source = tree.source
            let line = source.lineIndex(containing: tree.range(key).start)
            let valueLine = source.lineIndex(containing: tree.contentEnd(value))
            if line == valueLine, tree.column(of: key) == 0 {
                let end = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
                fix = Fix("Remove `version:`", applicability: .safe, changes: [
                    FileChange(path: source.path, edits: [.delete(TextRange(start: source.lineStarts[line], end: end))]),
                ])
            }
        }
        return RuleOutcome(subjectCount: 1, violations: [
            Violation("`version: \(version.raw)` is obsolete and ignored by Compose v2", at: version.location, subject: .project, fix: fix),
        ])
    }
}
