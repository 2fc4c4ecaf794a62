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
            RuleExample("a folder a one-shot job fills before the others read it", files: ["compose.yaml": """
                services:
                  geoipupdate:
                    image: ghcr.io/maxmind/geoipupdate:v7.1
                    volumes:
                      - ./geoip:/usr/share/GeoIP
                  web:
                    image: example/web:1.0
                    volumes:
                      - ./geoip:/geoip:ro
                """]),
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
            // A one-shot job that mounts the folder writable fills it before the others read it (sentry's
            // `geoipupdate` writes `./geoip`): the folder is made on purpose.
            guard !Self.isFilledByAJob(source, in: project) else { return PartVerdict(subject, .passes) }
            return PartVerdict(subject, .fails(Violation(
                "Service `\(service.name)` mounts `\(source)`, which does not exist: Docker would create an empty root-owned folder",
                at: mount.location)))
        }
    }

    /// Whether a one-shot job of the project mounts `source` writable (the jobs' folders gathered once per project).
    static func isFilledByAJob(_ source: String, in project: Project) -> Bool {
        let filled = project.memo.value("CA507.jobFolders") {
            Set(project.services.filter { !project.isLongRunning($0) }.flatMap { job in
                job.volumes.filter { $0.kind == .bind && !$0.isReadOnly }.compactMap { $0.source.map { PathName.normalize(project.hostPath($0)) } }
            })
        }
        return filled.contains(PathName.normalize(project.hostPath(source)))
    }
}
