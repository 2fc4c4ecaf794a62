import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// A `<service>-backup` one-shot job on the database's own image (profile `backup`) that writes one dump into
/// `./backups` each time it runs: the schedule and the retention stay the user's (cron, a timer), so the fix
/// invents neither. `./backups` is kept out of git and out of a build context at the compose file's folder.
/// Restore: feed a dump back with the same image's client (`gunzip -c … | psql`, `… | mysql`,
/// `mongorestore --gzip --archive=…`, or copy the `.rdb` into the redis volume).
struct BackupServiceFix {
    let project: Project
    let service: Service
    let image: ImageFamily

    private func raw(_ names: [String]) -> String? {
        for name in names { if let value = service.environmentValue(name)?.value { return value.raw } }
        return nil
    }

    /// The dump command, and the variables it needs from the database's own settings.
    private func dump() -> (command: String, environment: [(String, String)])? {
        let host = service.name
        let file = "/backups/\(service.name)-$$(date +%Y%m%d-%H%M%S)"
        switch image.backup {
        case .postgres?:
            var environment = [("PGUSER", raw(["POSTGRES_USER"]) ?? "postgres")]
            if let password = raw(["POSTGRES_PASSWORD"]) { environment.append(("PGPASSWORD", password)) }
            return ("pg_dumpall -h \(host) | gzip > \(file).sql.gz", environment)
        case .mysql(let tool)?:
            guard let password = raw(["MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD"]) else { return nil }
            return ("\(tool) -h \(host) -u root -p\"$$DB_ROOT_PASSWORD\" --all-databases | gzip > \(file).sql.gz",
                    [("DB_ROOT_PASSWORD", password)])
        case .mongo?:
            var auth = ""
            var environment: [(String, String)] = []
            if let user = raw(["MONGO_INITDB_ROOT_USERNAME"]), let password = raw(["MONGO_INITDB_ROOT_PASSWORD"]) {
                auth = " -u \"$$MONGO_USER\" -p \"$$MONGO_PASSWORD\" --authenticationDatabase admin"
                environment = [("MONGO_USER", user), ("MONGO_PASSWORD", password)]
            }
            return ("mongodump --host \(host)\(auth) --gzip --archive=\(file).archive.gz", environment)
        case .redis?:
            return ("redis-cli -h \(host) --rdb \(file).rdb", [])
        case nil:
            return nil
        }
    }

    func fix() -> Fix? {
        guard let image = service.image?.raw ?? project.runtimeImage(of: service), let (command, environment) = dump(),
              let editing = ComposeEditing(project, service: service), let root = editing.root,
              let services = editing.tree.ownValue(root, forKey: "services") else { return nil }
        let name = "\(service.name)-backup"
        guard project.model.service(named: name) == nil else { return nil }
        var lines: [(level: Int, text: String)] = [
            (0, "image: \(image)"),
            (0, "profiles: [\"backup\"]"),
            (0, "restart: \"no\""),
            (0, "depends_on: [\(service.name)]"),
        ]
        if !environment.isEmpty {
            lines.append((0, "environment:"))
            lines += environment.map { (1, "\($0.0): \(YAMLScalarText.render($0.1))") }
        }
        lines += [(0, "volumes:"), (1, "- ./backups:/backups"),
                  (0, "entrypoint: [\"sh\", \"-c\", \(YAMLScalarText.quoted(command))]"),
                  (0, "security_opt:"), (1, "- no-new-privileges:true")]
        guard let edit = editing.editor.addEntry(to: services, key: name, value: .block(lines)) else { return nil }
        var changes = [FileChange(path: editing.path, edits: [Self.commented(edit, Self.limitsComment)])]
        changes += keptOutOfGitAndBuilds()
        return Fix("Add a `\(name)` job (profile `backup`)", applicability: .unsafe, changes: changes,
                   consequence: "Adds `\(name)` (profile `backup`): each `docker compose --profile backup run --rm \(name)` writes one dump into ./backups (kept out of git and builds); schedule it and delete old dumps yourself (cron, a timer)")
    }

    /// Why the job has no limits: what a dump needs grows with the database, which only its owner can size.
    static let limitsComment = "# compose-audit: disable=CA301,CA302 -- a dump's memory grows with the database: size it yourself"

    /// The entry with a comment line above its key, indented as the key.
    static func commented(_ edit: TextEdit, _ comment: String) -> TextEdit {
        let text = edit.replacement
        let leading = text.prefix { $0.isNewline }
        let rest = text.dropFirst(leading.count)
        let indent = rest.prefix { $0 == " " }
        let newline = leading.contains("\r\n") ? "\r\n" : "\n"
        return TextEdit(range: edit.range, replacement: leading + indent + comment + newline + rest)
    }

    /// `./backups` with a `.gitignore` that keeps its dumps out of git (the folder itself stays, so Docker does not
    /// create it root-owned), and `backups/` in the `.dockerignore` of a build context at the compose file's folder.
    private func keptOutOfGitAndBuilds() -> [FileChange] {
        var changes: [FileChange] = []
        let folder = project.hostPath(HostFiles.backupFolder)
        if project.host.state(of: folder) == .missing {
            changes.append(FileChange(path: PathName.join(folder, HostFiles.gitIgnore), creating: "*\n!.gitignore\n"))
        }
        let composeFolder = PathName.normalize(project.composeDirectory)
        if let context = project.contexts.values.first(where: { PathName.normalize($0.path) == composeFolder }), context.isSent("backups/x") {
            let source = context.dockerIgnore?.source
            let entry = PathName.lastComponent(of: HostFiles.backupFolder) + "/"
            changes.append(LineFile.appending(entry, to: source?.path ?? PathName.join(context.path, ".dockerignore"), existing: source?.bytes))
        }
        return changes
    }
}
