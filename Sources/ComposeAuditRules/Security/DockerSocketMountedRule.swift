import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA203: the Docker socket mounted into a container.
public struct DockerSocketMountedRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA203", name: "docker-socket-mounted", category: .security, severity: .critical,
        subject: "service",
        standards: StandardReferences(cis: ["5.32", "5.6"], owasp: ["D04"], cwe: [668]),
        summary: "A service mounts the Docker socket (`/var/run/docker.sock` or `/run/docker.sock`)",
        rationale: """
            The Docker API is root on the host: whoever controls the container can start a privileged \
            container that mounts `/`. `:ro` does not help, since the socket is used by writing requests \
            to it. Use a socket proxy that allows only the calls the service needs, or drop the mount.
            """,
        triggering: [
            RuleExample("read-only does not make the socket safe", files: ["compose.yaml": """
                services:
                  proxy:
                    image: traefik:v3.1
                    volumes:
                      - ↓/var/run/docker.sock:/var/run/docker.sock:ro
                """]),
        ],
        nonTriggering: [
            RuleExample("no socket", files: ["compose.yaml": """
                services:
                  proxy:
                    image: traefik:v3.1
                    volumes:
                      - ./traefik.yml:/etc/traefik/traefik.yml:ro
                """]),
        ]
    )

    static func isSocket(_ path: String?) -> Bool {
        guard let path else { return false }
        let normalized = PathName.normalize(path)
        return normalized == "/var/run/docker.sock" || normalized == "/run/docker.sock"
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        .judged(service.volumes.filter { $0.kind == .bind && Self.isSocket($0.source) }.map { mount in
            Violation("Service `\(service.name)` mounts the Docker socket `\(mount.source ?? "")`: control of it is root on the host",
                      at: mount.location)
        })
    }
}
