import ComposeAuditEngine
import ComposeAuditSyntax

/// A command that starts as root only to run its work as another user: `gosu sentry sentry cleanup`, `su-exec app
/// ./server`, `s6-setuidgid app`, `runuser -u app --`, `chpst -u app`, `setpriv --reuid=app`, also inside a
/// crontab line or an `sh -c` script passed as one word.
struct PrivilegeDrop: Equatable {
    /// The tool that switches the user.
    var tool: String
    /// The user the work runs as.
    var user: String

    /// The first switch to a user other than root in the words, if any.
    static func find(in words: [String]) -> PrivilegeDrop? {
        let tokens = words.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) }
        for (index, token) in tokens.enumerated() {
            let tool = ShellCommand.basename(token)
            let rest = tokens[(index + 1)...]
            let user: String?
            switch tool {
            case "gosu", "su-exec", "s6-setuidgid":
                user = rest.first { !$0.hasPrefix("-") }
            case "runuser", "chpst":
                user = rest.firstIndex(of: "-u").flatMap { rest.index(after: $0) < rest.endIndex ? rest[rest.index(after: $0)] : nil }
            case "setpriv":
                user = rest.lazy.compactMap(Self.reuid).first
            default:
                user = nil
            }
            if let user, isUserName(user), !UserIdentity.isRoot(user) { return PrivilegeDrop(tool: tool, user: user) }
        }
        return nil
    }

    /// A user name, uid or `user:group` (not `&&` after a `which gosu`).
    private static func isUserName(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_" else { return false }
        return word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.:-".unicodeScalars.contains($0) }
    }

    /// The user of `--reuid=app` (or `--reuid` alone, whose value is the next word, is not read).
    private static func reuid(_ token: String) -> String? {
        token.hasPrefix("--reuid=") ? String(token.dropFirst("--reuid=".count)) : nil
    }
}

extension Project {
    /// How the service's command runs its work as another user, when it starts as root to do so.
    func privilegeDrop(of service: Service) -> PrivilegeDrop? {
        invocations(of: service).lazy.compactMap { PrivilegeDrop.find(in: $0.words) }.first
    }
}
