import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Fix findings by editing the files in place (a dry run with a diff unless --write).",
        discussion: """
            Fixes are text edits at the places the findings name: comments, key order, quoting, anchors,
            indentation and line endings stay as they are. Each round applies the fixes that do not overlap,
            then re-reads the project: a fix whose result does not parse, or that leaves its finding in
            place, is dropped and its file left untouched (the summary says which). Files are written
            atomically, all or none.

            Without --write: prints a unified diff and exits 1 when something would change, 0 when not.
            Safe fixes only by default; --unsafe-fixes adds fixes that change runtime behaviour
            (resource limits, a non-root user, ...): review those.

            Examples:
              compose-audit fix                       show what would change
              compose-audit fix --write               apply the safe fixes
              compose-audit fix --write --unsafe-fixes --select CA3
            """
    )

    @Argument(help: "The project folder, or one of its compose files.")
    var directory: String = "."

    @Option(name: [.customShort("f"), .customLong("file")], help: "A compose file to load instead of the default ones (repeatable).")
    var files: [String] = []

    @Flag(help: "Write the fixed files (default: print a diff).")
    var write = false

    @Flag(name: .customLong("unsafe-fixes"), help: "Also apply unsafe fixes.")
    var unsafeFixes = false

    @OptionGroup(title: "Rules (which fixes to apply)")
    var rules: RuleSelectionOptions

    @OptionGroup(title: "Configuration and limits on hostile input")
    var load: LoadOptions

    @Option(help: "Write a Markdown summary (score before and after, fixes, metrics, what is left) to this file.")
    var report: String?

    func run() throws {
        let load = self.load
        let target = try ProjectTarget.resolveOrExit(directory, files: files, fileSystem: load.fileSystem)
        let root = PathName.normalize(target.folder)
        let environment = Console.environment
        let composeFiles = target.files
        let folder = target.folder
        let selection = rules.selection
        let options = FixOptions(minimumApplicability: unsafeFixes ? .unsafe : .safe, select: selection.select + selection.extendSelect,
                                 ignore: selection.ignore)
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all), options: options)
        let outcome: FixOutcome
        do {
            outcome = try fixer.run(on: load.fileSystem) { fileSystem throws(ProjectLoader.LoadError) in
                try load.loader(for: folder, fileSystem: fileSystem, environment: environment).load(root: root, files: composeFiles)
            }
        } catch {
            Console.error(Check.errorLine(error))
            throw ExitCode(2)
        }
        for refusal in outcome.refused {
            Console.error("\(refusal.finding.location.path):\(refusal.finding.position.line):\(refusal.finding.position.column): "
                + "not fixed: \(refusal.finding.ruleID) \(refusal.title): \(refusal.reason)")
        }
        if let report {
            do {
                try AtomicFileWriter.write([(report, Array(MarkdownReporter().render(outcome).utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
        }
        if !outcome.unconverged.isEmpty {
            Console.error("warning: fixes of \(outcome.unconverged.joined(separator: ", ")) did not converge in \(options.maximumRounds) rounds")
        }
        if write {
            // What a killed run may have left: in the folders written now, the project folder and its subfolders.
            let subfolders = LocalFileSystem(root: ".").entries(of: root).filter { $0.kind == .directory }.map { PathName.join(root, $0.name) }
            AtomicFileWriter.removeAbandonedTemporaries(in: outcome.files.map { PathName.directory(of: $0.path) } + [root] + subfolders)
            do {
                try AtomicFileWriter.write(outcome.files.map { ($0.path, $0.fixed) })
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
            Console.error(summary(outcome, written: true))
            return
        }
        let style: TerminalStyle = Console.stdoutIsColorTerminal ? .color : .plain
        for file in outcome.files {
            Console.write(UnifiedDiff.render(oldPath: file.path, newPath: file.path, old: file.original, new: file.fixed, style: style))
        }
        Console.error(summary(outcome, written: false))
        if !outcome.files.isEmpty { throw ExitCode(1) }
    }

    private func summary(_ outcome: FixOutcome, written: Bool) -> String {
        let count = outcome.applied.count
        let verb = written ? "Fixed" : "Would fix"
        var text = "\(verb) \(count) finding\(count == 1 ? "" : "s") in \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s")"
        if !outcome.refused.isEmpty { text += "; \(outcome.refused.count) fix\(outcome.refused.count == 1 ? "" : "es") refused" }
        text += ". Score \(Score.format(outcome.before.score.overall)) -> \(Score.format(outcome.after.score.overall))"
        if outcome.skippedUnsafe > 0 { text += " (\(outcome.skippedUnsafe) more with --unsafe-fixes)" }
        return text
    }
}
