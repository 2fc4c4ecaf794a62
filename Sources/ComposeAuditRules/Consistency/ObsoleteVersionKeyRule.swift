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
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        guard let version = project.model.versionKey else { return RuleOutcome(subjectCount: 1, violations: []) }
        return RuleOutcome(subjectCount: 1, violations: [
            Violation("`version: \(version.raw)` is obsolete and ignored by Compose v2", at: version.location, subject: "project"),
        ])
    }
}
