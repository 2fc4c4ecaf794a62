import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA102: a named volume that top-level `volumes:` does not declare.
public struct UndeclaredNamedVolumeRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA102", name: "undeclared-named-volume", category: .persistence, severity: .high,
        subject: "service with named volumes",
        summary: "A service mounts a named volume that the top-level `volumes:` does not declare",
        rationale: """
            Compose refuses to start a project whose services mount a named volume it does not declare \
            (`service "db" refers to undefined volume db_data`). Usually a typo or a volume renamed in \
            one place only.
            """,
        triggering: [
            RuleExample("a typo in the volume name", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes:
                      - ↓db-data:/var/lib/postgresql/data
                volumes:
                  db_data:
                """]),
        ],
        nonTriggering: [
            RuleExample("declared, long syntax, bind mounts", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes:
                      - db_data:/var/lib/postgresql/data
                      - type: volume
                        source: backups
                        target: /backups
                      - ./init:/docker-entrypoint-initdb.d:ro
                volumes:
                  db_data:
                  backups:
                    external: true
                """]),
        ],
        fixTitle: "Declare the volume under top-level `volumes:`",
        fixSafety: .safe("The volume is declared with Compose's defaults (local driver, named `<project>_<name>`); the project loads again", modelParts: ["volumes"]),
        corrections: [
            RuleCorrection("declared after the existing ones", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes:
                      - db-data:/var/lib/postgresql/data
                volumes:
                  db_data:
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes:
                      - db-data:/var/lib/postgresql/data
                volumes:
                  db_data:
                  db-data:
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let named = service.volumes.filter { $0.kind == .volume && !($0.source ?? "").isEmpty }
        guard !named.isEmpty else { return .notApplicable }
        let declared = project.memo.value("declaredVolumes") { Set(project.model.volumes.map(\.name)) }
        return .judged(named.filter { !declared.contains($0.source ?? "") }.map { mount in
            let name = mount.source ?? ""
            let fix = ComposeEditing(project, service: service).flatMap { editing in
                editing.declareTopLevel(section: "volumes", name: name).map {
                    Fix("Declare volume `\(name)`", applicability: .safe, changes: [FileChange(path: editing.path, edits: [$0])])
                }
            }
            let message = "Service `\(service.name)` mounts the volume `\(name)`, which top-level `volumes:` does not declare"
            if FragmentNote.isFragment(project, definesAnyOfKind: !declared.isEmpty) {
                return Violation(message + FragmentNote.text, at: mount.location, severity: .info)
            }
            return Violation(message, at: mount.location, fix: fix)
        })
    }
}
