import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditLanguageServer

/// `compose-audit lsp`: the language server, over standard input and output.
struct LanguageServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over stdin and stdout) for editors.",
        usage: "compose-audit lsp [<options>]",
        discussion: """
            Diagnostics for compose files, the Dockerfiles they build, .dockerignore,
            env files and mounted nginx configs, as you type; quick fixes from `fix`;
            suppression comments; rule documentation on hover. The project's
            .compose-audit.yml applies. See the README's Editor section for setups.
            """
    )

    @OptionGroup(title: "Configuration and limits on hostile input")
    var load: LoadOptions

    func run() throws {
        let settings = load.settings
        let environment = Console.environment
        let server = LanguageServer(channel: MessageChannel(), maximumFileSize: settings.maximumFileSize) { folder, files, fileSystem throws(ProjectLoader.LoadError) in
            try settings.loader(for: folder, fileSystem: fileSystem, environment: environment)
                .load(root: PathName.normalize(folder), files: files)
        }
        throw ExitCode(server.run())
    }
}
