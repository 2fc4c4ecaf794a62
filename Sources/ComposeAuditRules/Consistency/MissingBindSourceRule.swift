import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA507: a bind mount of a project path that is not there.
public struct MissingBindSourceRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA507", name: "missing-bind-source", category: .consistency, severity: .low,
        subject: "bind mount",
        summary: "A bind mount's host path (relative to the project) does not exist",
        rationale: """
            For a missing bind source Docker creates an empty folder owned by root: a config file mount \
            becomes a directory and the service fails in a confusing way, or starts with no data. \
            Absolute host paths (`/var/run/docker.sock`, `/etc/localtime`) are not checked, since they \
            live on the machine that runs the stack.
            """,
        triggering: [
            RuleExample("a config file that is not in the project", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ↓./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                """]),
        ],
        nonTriggering: [
            RuleExample("present, absolute, or home-relative", files: [
                "compose.yaml": """
                    services:
                      web:
                        image: nginx:1.27
                        volumes:
                          - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                          - /etc/localtime:/etc/localtime:ro
                          - ~/.aws:/root/.aws:ro
                    """,
                "nginx/default.conf": "server {}\n",
            ]),
        ]
    )

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.volumes.compactMap { mount in
            guard mount.kind == .bind, let source = mount.source, source.hasPrefix(".") else { return nil }
            let subject = Subject.item(kind: "bind", key: "\(service.name):\(mount.target)")
            guard project.host.state(of: project.hostPath(source)) == .missing else { return PartVerdict(subject, .passes) }
            return PartVerdict(subject, .fails(Violation(
                "Service `\(service.name)` mounts `\(source)`, which does not exist: Docker would create an empty root-owned folder",
                at: mount.location)))
        }
    }
}
