import ArgumentParser
import ComposeAuditCore
import ComposeAuditReporters
import ComposeAuditSyntax

/// `compose-audit dockerfile FILE`: the parser's reading of a Dockerfile, for debugging a finding.
struct DockerfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockerfile",
        abstract: "Print how compose-audit reads a Dockerfile (instructions, flags, values, stages), as JSON.",
        discussion: """
            The instructions are reported the way BuildKit's own parser reports them, so
            the output can be compared with Docker's: `ENV a=1 b="2 3"` has the values
            a, 1, b, "2 3"; continuation lines are joined; heredoc bodies are listed
            with their instruction.

            Example:
              compose-audit dockerfile backend/Dockerfile
            """
    )

    @Argument(help: "The Dockerfile to read.")
    var file: String

    @Option(name: .customLong("max-file-size"), help: "Largest file read, in MiB.")
    var maximumFileSizeMiB: Int = 64

    func run() throws {
        let fileSystem = LocalFileSystem(root: ".", maximumFileSize: maximumFileSizeMiB << 20)
        do {
            let bytes = try fileSystem.contents(of: file)
            let dockerfile = try DockerfileParser.parse(SourceFile(path: file, bytes: bytes))
            Console.write(DockerfileModelReporter().render(dockerfile))
        } catch let error as InputError {
            Console.error("\(error.path):\(error.position.line):\(error.position.column): error: \(error.reason)")
            throw ExitCode(2)
        } catch let error as FileSystemError {
            Console.error("error: \(error.description)")
            throw ExitCode(2)
        }
    }
}
