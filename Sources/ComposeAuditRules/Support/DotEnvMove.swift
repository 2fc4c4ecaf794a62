import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// Moving a literal value out of the compose file into the project's `.env`, so that the stack starts with the
/// same value: the `.env` line, and the `.gitignore` and `.dockerignore` lines that keep a new `.env` out of git and
/// out of a build context at the compose file's folder.
struct DotEnvMove {
    var project: Project

    /// The `.env` Compose reads for the project (the `--env-file`, when one was named).
    var path: String { project.dotEnv?.source.path ?? PathName.join(project.composeDirectory, ".env") }

    /// Whether a service reads `.env` as an `env_file` (asked once per project: every secret's fix asks it).
    var isReadAsEnvFile: Bool {
        project.memo.value("DotEnvMove.isReadAsEnvFile") {
            let dotEnvPath = PathName.normalize(path)
            return project.services.contains { service in
                service.envFiles.contains { PathName.normalize(project.hostPath($0.path.value)) == dotEnvPath }
            }
        }
    }

    /// `NAME=value` as Compose's .env reader gives back `value`: bare when nothing in it is special, else in single
    /// quotes (no interpolation there); nil for a value single quotes cannot hold.
    static func assignment(_ name: String, _ value: String) -> String? {
        let plain = value.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_./:@+,=-".unicodeScalars.contains(scalar)
        }
        if plain && !value.isEmpty { return "\(name)=\(value)" }
        guard !value.contains("'"), !value.contains(where: \.isNewline) else { return nil }
        return "\(name)='\(value)'"
    }

    /// The changes that give `name` the value `value` in `.env`; nil when `.env` already gives it another value, or
    /// a service reads `.env` as an `env_file` (the variable would reach its container): either would change what
    /// runs. Nil too for a value `.env` cannot hold. A `fallback` is what the compose file falls back to when the
    /// variable is unset or empty: a non-empty value `.env` already gives it wins today and stays.
    func changes(name: String, value: String, isFallback: Bool = false) -> [FileChange]? {
        guard !isReadAsEnvFile else { return nil }
        if let existing = project.dotEnv?.values[name] { return existing == value || (isFallback && !existing.isEmpty) ? [] : nil }
        guard let line = Self.assignment(name, value) else { return nil }
        var changes = [LineFile.appending(line, to: path, existing: project.dotEnv?.source.bytes)]
        guard project.dotEnv == nil else { return changes }
        // A new .env: out of git, and out of the build context that is the compose file's folder.
        let gitIgnore = PathName.join(project.composeDirectory, HostFiles.gitIgnore)
        let ignored = project.host.contents(of: gitIgnore).map { LineFile.contains($0, anyOf: [".env", "/.env", ".env*", "*.env", "**/.env"]) }
        if ignored != true { changes.append(LineFile.appending(".env", to: gitIgnore, existing: project.host.contents(of: gitIgnore))) }
        let folder = PathName.normalize(project.composeDirectory)
        if let context = project.contexts.values.first(where: { PathName.normalize($0.path) == folder }), context.isSent(".env") {
            let dockerIgnore = context.dockerIgnore?.source
            changes.append(LineFile.appending(".env", to: dockerIgnore?.path ?? PathName.join(context.path, ".dockerignore"), existing: dockerIgnore?.bytes))
        }
        return changes
    }
}
