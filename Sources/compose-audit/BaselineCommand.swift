import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record today's findings so that CI gates only on new ones.",
        discussion: """
            Examples:
              compose-audit baseline create          write .compose-audit-baseline.json
              compose-audit check --baseline .compose-audit-baseline.json

            Findings are matched by rule, file and what they are about, not by line:
            edits elsewhere in a file keep them matched; a finding that is fixed simply
            disappears from the output.
            """,
        subcommands: [Create.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the project's current findings to a baseline file.")

        @OptionGroup(title: "Projects")
        var projects: ProjectOptions

        @Option(name: [.customShort("o"), .customLong("output")], help: "The baseline file (default: .compose-audit-baseline.json in the project folder, or in the folder --recursive starts from).")
        var output: String?

        @OptionGroup(title: "Rules")
        var rules: RuleSelectionOptions

        @OptionGroup(title: "Configuration and limits on hostile input")
        var load: LoadOptions

        func run() throws {
            var settings = load.settings
            settings.selection = rules.selection
            // The same rules as `check`, CA423 included, or a later `check --baseline` reports its findings as new.
            let missingShellCheck = MissingShellCheck()
            settings.shellChecker = ShellCheckProgram.onPath(Console.environment) ?? missingShellCheck
            let (targets, targetErrors) = try projects.request.resolve(fileSystem: settings.fileSystem, configurationPath: settings.config)
            for error in targetErrors { Console.error(error.description) }
            guard targetErrors.isEmpty else { throw ExitCode(2) }
            var findings: [Finding] = []
            for target in targets {
                let loader = settings.loader(for: target.folder, fileSystem: settings.fileSystem, environment: Console.environment)
                do {
                    findings += Linter(rules: BuiltinRules.all).audit(try loader.load(root: PathName.normalize(target.folder), files: target.files)).findings
                } catch {
                    Console.error(Check.errorLine(error))
                    throw ExitCode(2)
                }
            }
            let home = projects.recursive ? ProjectTarget.relativeToWorkingFolder(projects.paths.first ?? ".") : targets.first?.folder ?? "."
            let path = output ?? PathName.join(PathName.normalize(home), ".compose-audit-baseline.json")
            do {
                try AtomicFileWriter.write([(path, Array(Baseline(findings: findings).encoded().utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
            if missingShellCheck.wasAsked { Console.error(CheckRequest.missingShellCheckNote) }
            Console.error("Wrote \(findings.count) finding\(findings.count == 1 ? "" : "s") of \(targets.count) project\(targets.count == 1 ? "" : "s") to \(path)")
        }
    }
}
