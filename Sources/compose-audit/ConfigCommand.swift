import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

/// `compose-audit config`: what the rules see after merging, `extends`, `include`, profiles and interpolation.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the merged project model the rules audit, as JSON (like `docker compose config`).",
        usage: "compose-audit config [<options>] [<paths> ...]",
        discussion: """
            Useful when a finding surprises you: it shows the services after override
            files, `extends`, `include`, profiles and variable interpolation, and where
            each value was written (file:line:col). Paths are relative to the working
            folder. With --profile, only the services Compose would start.

            With --roles, prints instead what each service does in the stack, as the
            rules read it, and the evidence: a one-shot job is asked for no healthcheck,
            restart policy or log rotation; a cache or a queue is not a database.

            Examples:
              compose-audit config
              compose-audit config -f compose.yaml -f compose.prod.yaml --profile debug
              compose-audit config --roles
            """
    )

    @Flag(help: "Print each service's role (server, worker, job, database, cache, queue, proxy, ...) and why.")
    var roles = false

    @OptionGroup(title: "Projects")
    var projects: ProjectOptions

    @OptionGroup(title: "Configuration and limits on hostile input")
    var load: LoadOptions

    func run() throws {
        let (targets, targetErrors) = try projects.request.resolve(fileSystem: load.fileSystem, configurationPath: load.config)
        for error in targetErrors { Console.error(error.description) }
        guard targetErrors.isEmpty, let target = targets.first else { throw ExitCode(2) }
        guard targets.count == 1 else {
            throw ValidationError("config prints one project's model; \(targets.count) projects match (name one folder or compose file)")
        }
        let project: Project
        do {
            project = try load.loader(for: target.folder, fileSystem: load.fileSystem, environment: Console.environment)
                .load(root: PathName.normalize(target.folder), files: target.files)
        } catch {
            Console.error(Check.errorLine(error))
            throw ExitCode(2)
        }
        Console.write(roles ? Self.rolesTable(project) : ProjectModelReporter().render(project))
    }

    /// One line a service, in the order they are defined: name, role, evidence.
    static func rolesTable(_ project: Project) -> String {
        let rows = project.services.map { service in
            let role = project.role(of: service)
            return (service.name, role.kind.rawValue, role.evidence)
        }
        let nameWidth = max(7, rows.map(\.0.count).max() ?? 0)
        let roleWidth = max(4, rows.map(\.1.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        var lines = ["\(pad("SERVICE", nameWidth))  \(pad("ROLE", roleWidth))  EVIDENCE"]
        for (name, kind, evidence) in rows { lines.append("\(pad(name, nameWidth))  \(pad(kind, roleWidth))  \(evidence)") }
        if project.configuration.purpose == nil, let evidence = project.developmentStackEvidence {
            lines.append("A development stack (\(evidence)): the habit rules ask nothing of its services.")
        } else if let evidence = project.runByHandEvidence {
            lines.append("A stack run by hand (\(evidence)): the habits of a stack left running are information.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
