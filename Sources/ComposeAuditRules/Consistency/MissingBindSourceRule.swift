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
            live on the machine that runs the stack. A writable data folder (no file name, nothing of \
            configuration in its path) of a service that starts as root is information: the empty folder is \
            what its first start fills.
            """,
        triggering: [
            RuleExample("a config file that is not in the project", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ↓./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                """]),
            RuleExample("a data folder of a service that runs unprivileged, which cannot write the root-owned folder", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        user: "1000:1000"
                        volumes:
                          - ↓./data:/app/data
                    """,
            ]),
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
            if !mount.isReadOnly, Self.readsAsDataFolder(mount.target), Self.readsAsDataFolder(source), project.startsAsRoot(service) {
                return PartVerdict(subject, .fails(Violation(
                    "Service `\(service.name)` mounts `\(source)`, which does not exist: Docker creates it empty at the first start, which the service, starting as root, fills",
                    at: mount.location, severity: .info)))
            }
            return PartVerdict(subject, .fails(Violation(
                "Service `\(service.name)` mounts `\(source)`, which does not exist: Docker would create an empty root-owned folder",
                at: mount.location)))
        }
    }

    /// Whether a mount's path reads as a folder the service keeps data in: its last part names no file
    /// (`default.conf`, `config.yaml`), and no part of it is configuration (`/etc`, `config`, `certs`, `initdb.d`).
    static func readsAsDataFolder(_ target: String) -> Bool {
        let parts = target.split(separator: "/").map { $0.lowercased() }
        guard let last = parts.last else { return false }
        if let dot = last.lastIndex(of: "."), last.index(after: dot) != last.endIndex, !last.hasSuffix(".d") { return false }
        return !parts.contains { part in PathName.words(of: part).contains(where: configurationWords.contains) }
    }

    /// Words of a mount path's parts that say configuration the service reads rather than data it writes.
    static let configurationWords: Set<String> = [
        "etc", "conf", "config", "configs", "configuration", "provisioning", "templates", "certs", "certificates", "ssl",
        "tls", "secrets", "keys", "plugins", "scripts", "dashboards", "rules", "initdb", "d", "nginx", "html", "www",
    ]

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
