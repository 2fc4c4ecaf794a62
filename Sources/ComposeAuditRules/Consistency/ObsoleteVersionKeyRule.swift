import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA508: the top-level `version:` key.
public struct ObsoleteVersionKeyRule: ComposeFileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA508", name: "obsolete-version-key", category: .consistency, severity: .info,
        subject: "compose file",
        summary: "A compose file has a top-level `version:`, which Compose v2 ignores and warns about",
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
            RuleExample("in the main file and in its override: each file is reported", files: [
                "compose.yaml": """
                    version: ↓"3.8"
                    services:
                      web:
                        image: nginx:1.27
                    """,
                "compose.override.yaml": """
                    version: ↓'3'
                    services:
                      web:
                        ports: ["8080:80"]
                    """,
            ]),
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
        fixSafety: .safe("None: Compose ignores `version:`"),
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
            RuleCorrection("both files of a project lose it", before: [
                "compose.yaml": "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n",
                "compose.override.yaml": "version: \"3\"\nservices:\n  web:\n    ports: [\"8080:80\"]\n",
            ], after: [
                "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n",
                "compose.override.yaml": "services:\n  web:\n    ports: [\"8080:80\"]\n",
            ]),
        ]
    )

    public func judge(_ tree: YAMLTree, in project: Project) -> Verdict {
        guard let root = tree.documents.first, tree.kind(root) == .mapping, let key = tree.ownKey(root, "version"),
              let value = tree.ownValue(root, forKey: "version") else { return .passes }
        var fix: Fix?
        let source = tree.source
        let line = source.lineIndex(containing: tree.range(key).start)
        if line == source.lineIndex(containing: tree.contentEnd(value)), tree.column(of: key) == 0 {
            let end = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
            fix = Fix("Remove `version:`", applicability: .safe, changes: [
                FileChange(path: source.path, edits: [.delete(TextRange(start: source.textStart(ofLine: line), end: end))]),
            ])
        }
        return .fails(Violation("`version: \(tree.string(value) ?? "")` is obsolete and ignored by Compose v2", at: tree.location(value), fix: fix))
    }
}
