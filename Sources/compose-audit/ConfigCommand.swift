import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters

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

            Examples:
              compose-audit config
              compose-audit config -f compose.yaml -f compose.prod.yaml --profile debug
            """
    )

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
        Console.write(ProjectModelReporter().render(project))
    }
}
