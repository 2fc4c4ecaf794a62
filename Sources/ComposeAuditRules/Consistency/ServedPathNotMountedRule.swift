import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA501: a web server serves a folder that only another container has.
public struct ServedPathNotMountedRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA501", name: "served-path-not-mounted", category: .consistency, severity: .high,
        subject: "web server",
        summary: "A web server's config serves a path (nginx `root`/`alias`) that exists in another service's container but is not mounted into the web server",
        rationale: """
            Containers do not share filesystems. When nginx is configured to serve `/app/static` and only \
            the application container mounts that folder, nginx answers 404 for every static file and \
            upload, and the failure shows only in production traffic. Mount the same host path or named \
            volume into the web server, read-only.
            """,
        triggering: [
            RuleExample("nginx serves uploads that only the app mounts", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        volumes:
                          - ./uploads:/app/uploads
                      nginx:
                        image: nginx:1.27
                        volumes:
                          - ./nginx.conf:/etc/nginx/nginx.conf:ro
                    """,
                "nginx.conf": """
                    events {}
                    http {
                      server {
                        location /uploads/ {
                          ↓alias /app/uploads/;
                        }
                      }
                    }
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("the web server mounts the same folder; a path nobody mounts", files: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        volumes:
                          - static:/app/static
                      nginx:
                        image: nginx:1.27
                        volumes:
                          - ./conf.d:/etc/nginx/conf.d:ro
                          - static:/app/static:ro
                    volumes:
                      static:
                    """,
                "conf.d/site.conf": """
                    server {
                      root /usr/share/nginx/html;
                      location /static/ { alias /app/static/; }
                    }
                    """,
            ]),
        ],
        fixTitle: "Mount the same source into the web server, read-only",
        fixSafety: .unsafe(.changesServedRequests, consequence: "The web server now serves the files of the mounted folder at that path", modelParts: ["services.*.volumes"]),
        corrections: [
            RuleCorrection("the app's host folder, read-only", before: [
                "compose.yaml": """
                    services:
                      app:
                        image: example/app:1.0
                        volumes:
                          - ./uploads:/app/uploads
                      nginx:
                        image: nginx:1.27
                        volumes:
                          - ./nginx.conf:/etc/nginx/nginx.conf:ro
                    """,
                "nginx.conf": "events {}\nhttp { server { location /uploads/ { alias /app/uploads/; } } }\n",
                "uploads/.gitkeep": "",
            ], after: ["compose.yaml": """
                services:
                  app:
                    image: example/app:1.0
                    volumes:
                      - ./uploads:/app/uploads
                  nginx:
                    image: nginx:1.27
                    volumes:
                      - ./nginx.conf:/etc/nginx/nginx.conf:ro
                      - ./uploads:/app/uploads:ro
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let configs = configPaths(of: service, in: project)
        guard !configs.isEmpty else { return .notApplicable }
        var violations: [Violation] = []
        for path in configs {
            guard let config = project.nginxConfigs[path] else { continue }
            for directive in config.servedPaths {
                let served = directive.arguments[0]
                guard served.hasPrefix("/"), !served.contains("$") else { continue }
                let folder = PathName.normalize(served)
                if service.volumes.contains(where: { PathName.isSameOrInside(folder, PathName.normalize($0.target)) }) { continue }
                guard let (other, mount) = provider(of: folder, excluding: service.name, in: project) else { continue }
                let source = mount.source.map { "`\($0)`" } ?? "a volume"
                let item = "\(mount.source ?? ""):\(mount.target):ro"
                let fix = ComposeEditing(project, service: service).flatMap { editing in
                    editing.appendServiceItem(service, key: "volumes", item: item).map {
                        Fix("Mount `\(mount.source ?? "")` at `\(mount.target)` read-only", applicability: .unsafe,
                            changes: [FileChange(path: editing.path, edits: [$0])])
                    }
                }
                violations.append(Violation(
                    "`\(directive.name) \(served)` is served by `\(service.name)`, which does not mount it; service `\(other)` mounts \(source) at `\(mount.target)`",
                    at: SourceLocation(path: path, range: directive.range), fix: fix,
                    related: [RelatedLocation("service `\(other)` mounts \(source) at `\(mount.target)` here", at: mount.location)]))
            }
        }
        return .judged(violations)
    }

    /// The nginx config files this service bind-mounts under /etc/nginx.
    private func configPaths(of service: Service, in project: Project) -> [String] {
        var result: [String] = []
        for mount in service.volumes where mount.kind == .bind && mount.target.hasPrefix("/etc/nginx") {
            guard let source = mount.source else { continue }
            let host = project.hostPath(source)
            if project.nginxConfigs[host] != nil { result.append(host) }
            for path in project.nginxConfigs.keys.sorted() where PathName.directory(of: path) == host { result.append(path) }
        }
        return result
    }

    /// Another service that mounts something at (or above) the served folder.
    private func provider(of folder: String, excluding name: String, in project: Project) -> (String, VolumeMount)? {
        for other in project.services where other.name != name {
            for mount in other.volumes where mount.kind == .bind || mount.kind == .volume {
                if PathName.isSameOrInside(folder, PathName.normalize(mount.target)) { return (other.name, mount) }
            }
        }
        return nil
    }
}
