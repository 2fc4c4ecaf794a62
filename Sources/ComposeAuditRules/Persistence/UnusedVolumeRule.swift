import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA103: a declared volume nothing mounts.
public struct UnusedVolumeRule: ProjectRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA103", name: "unused-volume", category: .persistence, severity: .low,
        subject: "project",
        summary: "A top-level volume is declared but no service mounts it",
        rationale: """
            An unused volume is usually a leftover from a renamed service or a volume that a service was \
            meant to mount and does not, in which case its data is going somewhere else. Either mount it \
            or remove the declaration.
            """,
        triggering: [
            RuleExample("declared twice, used once", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes: ["pgdata:/var/lib/postgresql/data"]
                volumes:
                  pgdata:
                  ↓redis_data:
                """]),
        ],
        nonTriggering: [
            RuleExample("every volume mounted", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes:
                      - type: volume
                        source: pgdata
                        target: /var/lib/postgresql/data
                volumes:
                  pgdata:
                """]),
        ]
    )

    public func judge(_ project: Project) -> Verdict {
        guard !project.model.volumes.isEmpty else { return .notApplicable }
        let used = Set(project.services.flatMap { $0.volumes.compactMap(\.source) })
        return .judged(project.model.volumes.filter { !used.contains($0.name) }.map { volume in
            Violation("Volume `\(volume.name)` is declared but no service mounts it", at: volume.location)
        })
    }
}
