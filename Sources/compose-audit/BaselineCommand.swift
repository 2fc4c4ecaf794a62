import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record today's findings so that CI gates only on new ones.",
        discussion: """
            compose-audit baseline create              writes .compose-audit-baseline.json
            compose-audit check --baseline .compose-audit-baseline.json

            Findings are matched by rule, file and what they are about, not by line: edits elsewhere in a
            file keep them matched; a finding that is fixed simply disappears from the output.
            """,
        subcommands: [Create.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the project's current findings to a baseline file.")

        @Argument(help: "The project folder, or one of its compose files.")
        var directory: String = "."

        @Option(name: [.customShort("f"), .customLong("file")], help: "A compose file to load instead of the default ones (repeatable).")
        var files: [String] = []

        @Option(name: [.customShort("o"), .customLong("output")], help: "The baseline file (default: .compose-audit-baseline.json in the project folder).")
        var output: String?

        @OptionGroup(title: "Rules")
        var rules: RuleSelectionOptions

        @OptionGroup(title: "Configuration and limits on hostile input")
        var load: LoadOptions

        func run() throws {
            let target = try ProjectTarget.resolveOrExit(directory, files: files, fileSystem: load.fileSystem)
            let root = PathName.normalize(target.folder)
            var settings = load.settings
            settings.selection = rules.selection
            let loader = settings.loader(for: target.folder, fileSystem: settings.fileSystem, environment: Console.environment)
            let project: Project
            do { project = try loader.load(root: root, files: target.files) } catch {
                Console.error(Check.errorLine(error))
                throw ExitCode(2)
            }
            let report = Linter(rules: BuiltinRules.all).audit(project)
            let path = output ?? PathName.join(root, ".compose-audit-baseline.json")
            do {
                try AtomicFileWriter.write([(path, Array(Baseline(findings: report.findings).encoded().utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
            Console.error("Wrote \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") to \(path)")
        }
    }
}
