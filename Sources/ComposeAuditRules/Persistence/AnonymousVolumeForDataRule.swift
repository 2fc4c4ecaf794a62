import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA104: a data directory on an anonymous volume.
public struct AnonymousVolumeForDataRule: Rule {
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
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        let resolver = DataDirectoryResolver(project: project)
        var subjects = 0
        var violations: [Violation] = []
        for service in project.services {
            guard let (_, directories) = resolver.dataDirectories(of: service) else { continue }
            subjects += 1
            for mount in service.volumes where mount.kind == .anonymous && directories.contains(where: mount.covers) {
                violations.append(Violation(
                    "Service `\(service.name)` keeps its data in the anonymous volume `\(mount.target)`, lost on `down -v` and invisible to backups",
                    at: mount.location, subject: "service:\(service.name)"))
            }
        }
        return RuleOutcome(subjectCount: subjects, violations: violations)
    }
}
