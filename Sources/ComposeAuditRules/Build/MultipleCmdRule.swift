import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA411: CMD, ENTRYPOINT or HEALTHCHECK written twice in a stage.
public struct MultipleCmdRule: StageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA411", name: "multiple-cmd", category: .build, severity: .medium,
        subject: "stage",
        summary: "A stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`; only the last counts",
        rationale: """
            Only the last `CMD`, the last `ENTRYPOINT` and the last `HEALTHCHECK` of a stage take effect. The earlier ones are \
            dead code that misleads readers, often a leftover from debugging or a merge.
            """,
        triggering: [
            RuleExample("two CMDs", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\n↓CMD [\"old\"]\nCMD [\"new\"]\n",
            ]),
            RuleExample("two HEALTHCHECKs", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM nginx:1.27\n↓HEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("one per stage", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20 AS test\nCMD [\"test\"]\nFROM alpine:3.20\nENTRYPOINT [\"app\"]\nCMD [\"--help\"]\n",
            ]),
        ]
    )

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        .judged(["CMD", "ENTRYPOINT", "HEALTHCHECK"].flatMap { keyword in
            stage.instructions(keyword).dropLast().map { ignored in
                Violation("`\(keyword)` is overridden by a later `\(keyword)` in the same stage and has no effect",
                          at: dockerfile.location(ignored.range))
            }
        })
    }
}
