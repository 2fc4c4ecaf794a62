import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA210: configuration bind-mounted writable.
public struct WritableConfigMountRule: ServiceRule {
    public init() {}

    static let configExtensions = [".conf", ".cnf", ".ini", ".yml", ".yaml", ".toml", ".cfg", ".properties",
                                   ".pem", ".crt", ".key", ".json"]
    static let configFolders = ["nginx", "ssl", "certs", "certificates", "tls", "config", "conf", "conf.d", "provisioning", "secrets"]

    public static let description = RuleDescription(
        id: "CA210", name: "writable-config-mount", category: .security, severity: .medium,
        subject: "service",
        standards: StandardReferences(owasp: ["D09"], cwe: [732]),
        summary: "A configuration file or folder (`*.conf`, `*.yml`, `nginx/`, `ssl/`, certificates, targets under `/etc`) is bind-mounted without `:ro`, unless the image is known to write there",
        rationale: """
            A compromised process that can rewrite its own configuration (or TLS keys) persists across \
            restarts and can pivot through the host folder to whatever else reads it. Configuration is \
            read, not written: mount it `:ro` (or `read_only: true` in long syntax). In a development stack the \
            mounts are the developer's working copy, which tools in the container may rewrite (`npm install` \
            updates `package.json`).
            """,
        triggering: [
            RuleExample("config file and certificate folder writable", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ↓./nginx/default.conf:/etc/nginx/conf.d/default.conf
                      - ↓type: bind
                        source: ./certs
                        target: /certs
                """]),
        ],
        nonTriggering: [
            RuleExample("the author marks the binds meant read-only `:ro` and leaves the ones the service writes", files: ["compose.yaml": """
                services:
                  dovecot:
                    image: ghcr.io/mailcow/dovecot:2.3
                    volumes:
                      - ./data/assets/ssl:/etc/ssl/mail/:ro,z
                      - ./data/conf/phpfpm/sogo-sso/:/etc/phpfpm/:z
                """]),
            RuleExample("read-only config, writable data", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                      - ./html:/usr/share/nginx/html
                      - ./logs:/var/log/nginx
                """]),
            RuleExample("folders the image writes: pihole's state, a linuxserver image's /config, certbot's output, a lock file", files: ["compose.yaml": """
                services:
                  pihole:
                    image: pihole/pihole:2024.07.0
                    volumes:
                      - ./etc-pihole:/etc/pihole
                      - ./etc-dnsmasq.d:/etc/dnsmasq.d
                  wireguard:
                    image: lscr.io/linuxserver/wireguard:1.0.20210914
                    volumes:
                      - ./config:/config
                  certbot:
                    image: certbot/certbot:v2.11.0
                    volumes:
                      - ./certs:/etc/letsencrypt
                  web:
                    image: node:22-alpine
                    volumes:
                      - ./package-lock.json:/app/package-lock.json
                """]),
        ],
        fixTitle: "Mount it read-only (`:ro`)",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "The container can no longer write to the mounted path: a program that writes there fails", modelParts: ["services.*.volumes"]),
        corrections: [
            RuleCorrection("short syntax with and without options, quoted, and long syntax", before: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf
                      - "./certs:/etc/nginx/certs:z"
                      - type: bind
                        source: ./nginx.conf
                        target: /etc/nginx/nginx.conf
                """], after: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    volumes:
                      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                      - "./certs:/etc/nginx/certs:ro,z"
                      - type: bind
                        source: ./nginx.conf
                        target: /etc/nginx/nginx.conf
                        read_only: true
                """]),
        ],
        lowersInDevelopmentStacks: true
    )

    static func looksLikeConfig(_ mount: VolumeMount) -> Bool {
        let target = PathName.normalize(mount.target)
        if target == "/etc/localtime" || target == "/etc/timezone" { return false }
        if target.hasPrefix("/etc/") { return true }
        for path in [mount.source ?? "", target] {
            let name = PathName.lastComponent(of: PathName.normalize(path)).lowercased()
            if configExtensions.contains(where: { name.hasSuffix($0) }) { return true }
        }
        let sourceFolder = PathName.lastComponent(of: PathName.normalize(mount.source ?? "")).lowercased()
        let dataTarget = target.split(separator: "/").contains { ["log", "logs", "data", "cache", "tmp", "html", "www", "lib", "spool", "uploads", "storage", "media"].contains($0.lowercased()) }
        return configFolders.contains(sourceFolder) && !dataTarget
    }

    /// `:ro` at the end of the short syntax (`:ro,z` when options exist), `read_only: true` in the long one.
    private func fix(_ service: Service, _ mount: VolumeMount, _ project: Project) -> Fix? {
        guard let editing = ComposeEditing(project, service: service),
              let item = editing.ownItem(of: service, key: "volumes", at: mount.location) else { return nil }
        let tree = editing.tree
        let edit: TextEdit?
        if mount.isLongSyntax {
            edit = editing.editor.addEntry(to: item, key: "read_only", value: .scalar("true"))
        } else {
            guard let raw = tree.string(item), !raw.contains("$"), let style = tree.scalarStyle(item) else { return nil }
            let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
            let fixed = parts.count >= 3 && !VolumeSyntax.isPath(String(parts.last ?? "")) ? raw.dropLast(parts.last!.count) + "ro," + parts.last! : raw + ":ro"
            let text = style == .plain ? YAMLScalarText.render(String(fixed))
                : style == .singleQuoted ? "'\(fixed)'" : YAMLScalarText.quoted(String(fixed))
            edit = editing.editor.replaceScalar(item, with: text)
        }
        return edit.map { Fix("Mount it read-only", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])]) }
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.readOnly else { return .passes }
        // The author wrote `:ro` on some binds of the service and not on the others: writable is their choice
        // (mailcow mounts `data/conf/...` writable next to `:ro` ones because its containers write there).
        guard !service.volumes.contains(where: { $0.kind == .bind && $0.isReadOnly && Self.looksLikeConfig($0) }) else { return .passes }
        return .judged(service.volumes.compactMap { mount in
            // Folders the image itself writes (pihole's /etc/pihole, a linuxserver image's /config, a certificate
            // tool's output, a lock file npm rewrites) only look like configuration.
            guard mount.kind == .bind, !mount.isReadOnly, Self.looksLikeConfig(mount), !DockerSocketMountedRule.isSocket(mount.source),
                  !ImageWrites.writes(image: project.runtimeImage(of: service) ?? "", target: mount.target) else {
                return nil
            }
            return Violation("Service `\(service.name)` mounts configuration `\(mount.source ?? "")` at `\(mount.target)` writable",
                             at: mount.location, fix: fix(service, mount, project))
        })
    }
}
