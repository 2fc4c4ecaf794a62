import ComposeAuditCore
import ComposeAuditEngine

/// The project's `origin` remote as a browsable https URL, read from the `.git/config` the loader found in the
/// compose file's folder or above it, up to the audited folder (never outside what the user pointed at).
enum GitRemote {
    static func url(in project: Project) -> String? { project.host.gitConfig.flatMap(origin) }

    static func origin(_ config: String) -> String? {
        var inOrigin = false
        // `\r\n` is one Character: split on every kind of line break, not on "\n" alone.
        for rawLine in config.split(whereSeparator: \.isNewline) {
            let line = String(rawLine).trimmingCharacters(in: " \t\r\u{FEFF}")  // git skips a byte order mark too
            if line.hasPrefix("[") { inOrigin = line == "[remote \"origin\"]"; continue }
            guard inOrigin, line.hasPrefix("url") else { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let url = String(line[line.index(after: equals)...]).trimmingCharacters(in: " \t")
            // A local path (a clone of a clone) is no address anyone else can open.
            guard url.contains("://") || url.hasPrefix("git@") else { return nil }
            return browsable(url)
        }
        return nil
    }

    /// `git@host:org/repo.git` and `https://host/org/repo.git` become `https://host/org/repo`.
    static func browsable(_ url: String) -> String {
        var text = url
        if text.hasSuffix(".git") { text.removeLast(4) }
        if text.hasPrefix("git@"), let colon = text.firstIndex(of: ":") {
            text = "https://" + text[text.index(text.startIndex, offsetBy: 4)..<colon] + "/" + text[text.index(after: colon)...]
        }
        if text.hasPrefix("ssh://git@") { text = "https://" + text.dropFirst("ssh://git@".count) }
        return text
    }
}
