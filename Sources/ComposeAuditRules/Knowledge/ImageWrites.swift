import ComposeAuditCore
import ComposeAuditEngine

/// Folders (and files) that images write at run time although their paths look like configuration: a mount there
/// must stay writable (CA210 leaves it alone, and its `:ro` fix would break the service).
enum ImageWrites {
    /// Repositories (matched by their last one or two path parts, any registry) and the targets their images write.
    static let byRepository: [(repository: String, targets: [String])] = [
        ("pihole/pihole", ["/etc/pihole", "/etc/dnsmasq.d"]),
        ("gitlab/gitlab-ce", ["/etc/gitlab"]),
        ("gitlab/gitlab-ee", ["/etc/gitlab"]),
        ("certbot/certbot", ["/etc/letsencrypt"]),
        ("mailcow/dovecot", ["/etc/dovecot"]),
        ("mailcow/acme", ["/etc/acme"]),
        ("nginxproxy/acme-companion", ["/etc/nginx/certs", "/etc/nginx/vhost.d", "/etc/acme.sh"]),
        ("jrcs/letsencrypt-nginx-proxy-companion", ["/etc/nginx/certs", "/etc/nginx/vhost.d", "/etc/acme.sh"]),
        ("homeassistant/home-assistant", ["/config"]),
        ("home-assistant/home-assistant", ["/config"]),
        ("traefik", ["/letsencrypt", "/acme.json", "/etc/traefik/acme"]),
    ]
    /// linuxserver.io images (`lscr.io/linuxserver/*`, `linuxserver/*`) keep their whole state in `/config`.
    static let linuxserverTargets = ["/config"]
    /// Lock files that package managers rewrite (`npm install` updates package-lock.json).
    static let lockFiles: Set<String> = ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "composer.lock", "Gemfile.lock", "poetry.lock"]

    /// Whether the image writes at `target` (a container path).
    static func writes(image: String, target: String) -> Bool {
        let path = PathName.normalize(target)
        if lockFiles.contains(PathName.lastComponent(of: path)) { return true }
        let repository = ImageReference(image).repository.lowercased()
        var targets = byRepository.filter { repository == $0.repository || repository.hasSuffix("/" + $0.repository) }.flatMap(\.targets)
        if repository.hasPrefix("linuxserver/") || repository.contains("/linuxserver/") { targets += linuxserverTargets }
        return targets.contains { path == $0 || path.hasPrefix($0 + "/") || ($0.hasSuffix(".json") && path.hasSuffix($0)) }
    }
}
