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
            RuleExample("the socket's path in a variable left unset here", files: ["compose.yaml": """
                services:
                  logs:
                    image: timberio/vector:0.39.0-alpine
                    volumes:
                      - ↓${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z
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

    /// Whether a mount brings the Docker socket in: its host path is the socket, or a variable left unset writes the
    /// host path (`${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock`) of a mount at the socket's place.
    static func mountsSocket(_ mount: VolumeMount) -> Bool {
        (mount.kind == .bind && isSocket(mount.source)) || (isSocket(mount.target) && (mount.source ?? "").isEmpty)
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        .judged(service.volumes.filter(Self.mountsSocket).map { mount in
            let source = mount.source.flatMap { $0.isEmpty ? nil : $0 }
            let what = source.map { "the Docker socket `\($0)`" } ?? "a host path set by a variable at the Docker socket's place `\(mount.target)`"
            return Violation("Service `\(service.name)` mounts \(what): control of it is root on the host", at: mount.location)
        })
    }
}
