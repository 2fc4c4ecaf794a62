import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters

/// `compose-audit config`: what the rules see after merging, `extends`, `include`, profiles and interpolation.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the merged project model the rules audit, as JSON (like `docker compose config`).",
        discussion: """
            Useful when a finding surprises you: it shows the services after override files, `extends`,
            `include`, profiles and variable interpolation, and where each value was written (file:line:col).
            Paths are relative to the working folder. With --profile, only the services Compose would start.

            Examples:
              compose-audit config
              compose-audit config -f compose.yaml -f compose.prod.yaml --profile debug
            """
    )

    @Argument(help: "Project folder, or one of its compose files (default: the current folder).")
    var path: String = "."

    @Option(name: [.customShort("f"), .customLong("file")], help: "A compose file to load instead of the default ones (repeatable).")
    var files: [String] = []

    @OptionGroup(title: "Configuration and limits on hostile input")
    var load: LoadOptions

    func run() throws {
        let target = try ProjectTarget.resolveOrExit(path, files: files, fileSystem: load.fileSystem)
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
