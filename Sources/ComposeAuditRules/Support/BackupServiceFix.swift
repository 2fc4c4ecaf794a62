import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// A `<service>-backup` service on the database's own image (profile `backup`) that dumps it daily
/// into `./backups` and deletes dumps older than 7 days. Restore: feed the newest dump back with the
/// same image's client (`gunzip -c … | psql`, `… | mysql`, `mongorestore --gzip --archive=…`, or copy
/// the `.rdb` into the redis volume).
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
        let script = "while true; do \(command); find /backups -name '\(service.name)-*' -mtime +7 -delete; sleep 86400; done"
        var lines: [(level: Int, text: String)] = [
            (0, "image: \(image)"),
            (0, "profiles: [\"backup\"]"),
            (0, "restart: unless-stopped"),
            (0, "depends_on: [\(service.name)]"),
        ]
        if !environment.isEmpty {
            lines.append((0, "environment:"))
            lines += environment.map { (1, "\($0.0): \(YAMLScalarText.render($0.1))") }
        }
        lines += [(0, "volumes:"), (1, "- ./backups:/backups"),
                  (0, "entrypoint: [\"sh\", \"-c\", \(YAMLScalarText.quoted(script))]"),
                  (0, "healthcheck:"), (1, "disable: true")]
        guard let edit = editing.editor.addEntry(to: services, key: name, value: .block(lines)) else { return nil }
        var changes = [FileChange(path: editing.path, edits: [edit])]
        let folder = project.hostPath(HostFiles.backupFolder)
        if project.host.state(of: folder) == .missing {
            changes.append(FileChange(path: PathName.join(folder, ".gitkeep"), creating: ""))
        }
        return Fix("Add a daily `\(name)` service (profile `backup`)", applicability: .unsafe, changes: changes)
    }
}
