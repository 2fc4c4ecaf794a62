import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA218: a writable bind mount of the host's root, system configuration, kernel interfaces or the Docker data.
public struct WritableHostSystemPathRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA218", name: "writable-host-system-path", category: .security, severity: .high,
        subject: "service with bind mounts",
        standards: StandardReferences(cis: ["5.6"], owasp: ["D04"], cwe: [732]),
        summary: "A service mounts the host's `/`, `/etc`, `/run`, `/usr` or a tree of `/proc`, `/sys`, `/boot`, `/root`, `/lib`, the program folders or `/var/lib/docker` writable",
        rationale: """
            A writable mount of the host's system folders lets the container change the host itself: a cron job or \
            an SSH key written into `/etc` or `/root`, a kernel setting through `/proc/sys` or `/sys`, a module or \
            boot image, another container's files under `/var/lib/docker`, the Docker socket inside `/run`. That \
            is root on the host for anyone who gets into the container. Monitoring agents that read these folders \
            need them read-only (`/proc:/host/proc:ro`), which is not reported; folders an application owns \
            (`/etc/letsencrypt`, `/usr/share/appdata/x`, kernel sources in `/usr/src`) are not either.
            """,
        triggering: [
            RuleExample("the host's root and /etc, writable", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    volumes:
                      - ↓/:/host
                      - ↓/etc:/host-etc
                      - ↓type: bind
                        source: /var/lib/docker
                        target: /docker
                      - ↓/run:/host-run
                """]),
        ],
        nonTriggering: [
            RuleExample("read-only system folders for a monitoring agent, and an application's own folders", files: ["compose.yaml": """
                services:
                  node-exporter:
                    image: prom/node-exporter:v1.8.2
                    volumes:
                      - /proc:/host/proc:ro
                      - /sys:/host/sys:ro
                      - /:/rootfs:ro
                  certbot:
                    image: certbot/certbot:v2.11.0
                    volumes:
                      - /etc/letsencrypt:/etc/letsencrypt
                      - /etc/localtime:/etc/localtime:ro
                      - ./data:/data
                """]),
        ]
    )

    /// Host folders whose whole tree is the system's.
    static let systemTrees = ["/proc", "/sys", "/boot", "/root", "/lib/modules", "/var/lib/docker", "/usr/bin", "/usr/sbin", "/usr/lib",
                              "/usr/libexec", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/bin", "/sbin", "/lib"]

    /// Why a host path is the system's, or nil. Only the whole of `/etc` and `/run` counts: single sockets and
    /// files in them (`/run/dbus/system_bus_socket`, `/etc/letsencrypt`) are what applications are given on purpose.
    static func systemPath(_ source: String) -> String? {
        let path = PathName.normalize(source)
        if path == "/" { return "the host's root" }
        if path == "/etc" { return "the host's configuration" }
        if path == "/usr" { return "the host's programs" }
        if path == "/run" || path == "/var/run" { return "the host's runtime folder (the Docker socket is in it)" }
        guard let tree = systemTrees.first(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return nil }
        return "`\(tree)` of the host"
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard service.volumes.contains(where: { $0.kind == .bind }) else { return .notApplicable }
        return .judged(service.volumes.compactMap { mount in
            guard mount.kind == .bind, !mount.isReadOnly, let source = mount.source, source.hasPrefix("/"),
                  !DockerSocketMountedRule.isSocket(source), let what = Self.systemPath(source) else { return nil }
            return Violation("Service `\(service.name)` mounts \(what) (`\(source)`) writable: the container can change the host",
                             at: mount.location)
        })
    }
}
