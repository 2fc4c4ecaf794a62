import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA104: a data directory on an anonymous volume.
public struct AnonymousVolumeForDataRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA104", name: "anonymous-volume-for-data", category: .persistence, severity: .medium,
        subject: "stateful service",
        summary: "A stateful service keeps its data directory on an anonymous volume",
        rationale: """
            An anonymous volume (`- /var/lib/mysql`) has a random name: `docker compose down -v` and \
            `docker compose rm -v` delete it, backups cannot find it by name, and a renamed project \
            starts empty. A named volume makes the data's lifetime explicit.
            """,
        triggering: [
            RuleExample("short syntax with only a container path", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mariadb:11
                        volumes:
                          - ↓/var/lib/mysql
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("named volume", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mariadb:11
                        volumes:
                          - db-data:/var/lib/mysql
                      app:
                        image: example/app:1.0
                        volumes:
                          - /tmp/cache
                    volumes:
                      db-data:
                    """,
            ]),
        ],
        fixTitle: "Turn the anonymous volume into a named volume",
        fixSafety: .unsafe(.movesData, .inventsValue, consequence: "The service starts with a new, empty named volume: data in the current anonymous volume is not carried over; copy it first", modelParts: ["services.*.volumes", "volumes"]),
        corrections: [
            RuleCorrection("named after the service", before: ["compose.yaml": """
                services:
                  db:
                    image: mariadb:11
                    volumes:
                      - /var/lib/mysql
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: mariadb:11
                    volumes:
                      - db_data:/var/lib/mysql

                volumes:
                  db_data:
                """]),
        ]
    )

    /// Rewrites `- /data` as `- <service>_data:/data` and declares the volume.
    private func fix(_ service: Service, _ mount: VolumeMount, _ project: Project) -> Fix? {
        guard !mount.isLongSyntax, let editing = ComposeEditing(project, service: service),
              let item = editing.ownItem(of: service, key: "volumes", at: mount.location) else { return nil }
        let name = editing.dataVolumeName(for: service.name)
        var edits = [editing.editor.replaceScalar(item, with: YAMLScalarText.render("\(name):\(mount.target)"))]
        if !project.model.volumes.contains(where: { $0.name == name }) {
            guard let declaration = editing.declareTopLevel(section: "volumes", name: name) else { return nil }
            edits.append(declaration)
        }
        return Fix("Name the volume `\(name)`", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: edits)])
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let (_, directories) = DataDirectoryResolver(project: project).dataDirectories(of: service) else { return .notApplicable }
        return .judged(service.volumes.filter { mount in mount.kind == .anonymous && directories.contains(where: mount.covers) }.map { mount in
            Violation("Service `\(service.name)` keeps its data in the anonymous volume `\(mount.target)`, lost on `down -v` and invisible to backups",
                      at: mount.location, fix: fix(service, mount, project))
        })
    }
}
