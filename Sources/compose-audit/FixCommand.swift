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
            Fixes are text edits at the places the findings name: comments, key order,
            quoting, anchors, indentation and line endings stay as they are. Each round
            applies the fixes that do not overlap, then re-reads the project: a fix
            whose result does not parse, or that leaves its finding in place, is dropped
            and its file left untouched (the summary says which). Files are written
            atomically, all or none.

            Without --write: prints a unified diff and exits 1 when something would
            change, 0 when not. Safe fixes only by default: the stack starts, keeps its
            data, builds the same image and serves the same requests, and nothing is
            invented. --unsafe-fixes adds the others (limits, log rotation, a non-root
            user, ...); each says what it changes above its file's diff and in the
            summary (docs/fix-safety.md, `compose-audit rules --fix-safety`).

            Examples:
              compose-audit fix                       show what would change
              compose-audit fix --write               apply the safe fixes
              compose-audit fix --write --unsafe-fixes --select CA3
            """
    )

    @OptionGroup(title: "Projects")
    var projects: ProjectOptions

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
        var settings = self.load.settings
        // The rules `fix` runs are the defaults plus the opt-in rules named in `--select`/`--extend-select` (the
        // score before and after is over them); which of their fixes apply is narrowed below.
        settings.selection = RuleSelection(extendSelect: (rules.selection.select + rules.selection.extendSelect).filter { reference in
            BuiltinRules.descriptions.contains { $0.optInSet != nil && reference.selectsOptIn($0) }
        })
        let load = settings
        let (targets, targetErrors) = try projects.request.resolve(fileSystem: load.fileSystem, configurationPath: load.config)
        for error in targetErrors { Console.error(error.description) }
        var failed = !targetErrors.isEmpty
        let environment = Console.environment
        let selection = rules.selection
        // `--select` narrows what is fixed (a set's name stands for its rules); `--extend-select` only adds rules.
        let fixSelect = selection.select.flatMap { reference in
            let members = BuiltinRules.descriptions.filter(reference.isOptInSet).map { RuleReference($0.id) }
            return members.isEmpty ? [reference] : members
        }
        let options = FixOptions(minimumApplicability: unsafeFixes ? .unsafe : .safe, select: fixSelect, ignore: selection.ignore)
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all), options: options)
        var outcomes: [FixOutcome] = []
        // Projects can share files (two compose files building one Dockerfile): each project is fixed over the
        // files as the projects before it left them, so no project's edits overwrite another's.
        var fixedSoFar = OverlayFileSystem(base: load.fileSystem)
        for target in targets {
            do {
                let outcome = try fixer.run(on: fixedSoFar) { fileSystem throws(ProjectLoader.LoadError) in
                    try load.loader(for: target.folder, fileSystem: fileSystem, environment: environment)
                        .load(root: PathName.normalize(target.folder), files: target.files)
                }
                for file in outcome.files { fixedSoFar.write(file.path, file.fixed) }
                outcomes.append(outcome)
            } catch {
                Console.error(Check.errorLine(error))
                failed = true
            }
        }
        for refusal in outcomes.flatMap(\.refused) {
            Console.error("\(refusal.finding.location.path):\(refusal.finding.position.line):\(refusal.finding.position.column): "
                + "not fixed: \(refusal.finding.ruleID) \(refusal.title): \(refusal.reason)")
        }
        if let report {
            do {
                let markdown = outcomes.map { MarkdownReporter().render($0) }.joined(separator: "\n")
                try AtomicFileWriter.write([(report, Array(markdown.utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
        }
        for outcome in outcomes where !outcome.unconverged.isEmpty {
            Console.error("warning: fixes of \(outcome.unconverged.joined(separator: ", ")) did not converge in \(options.maximumRounds) rounds")
        }
        let files = Self.merged(outcomes.flatMap(\.files))
        if write {
            // What a killed run may have left: in the folders written now, each project folder and its subfolders.
            var folders = files.map { PathName.directory(of: $0.path) }
            for target in targets {
                let root = PathName.normalize(target.folder)
                folders += [root] + LocalFileSystem(root: ".").entries(of: root).filter { $0.kind == .directory }.map { PathName.join(root, $0.name) }
            }
            AtomicFileWriter.removeAbandonedTemporaries(in: folders)
            do {
                try AtomicFileWriter.write(files.map { ($0.path, $0.fixed) })
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
            for outcome in outcomes { Console.error(summary(outcome, written: true, of: outcomes.count > 1)) }
            if failed { throw ExitCode(2) }
            return
        }
        let style: TerminalStyle = Console.stdoutIsColorTerminal ? .color : .plain
        let applied = outcomes.flatMap(\.applied)
        for file in files {
            // The header names what the fixes in this file change for whoever runs the stack (patch and git apply skip it).
            let touching = applied.filter { fix in fix.finding.fix?.changes.contains { PathName.normalize($0.path) == PathName.normalize(file.path) } ?? false }
            let header = FixConsequence.grouped(touching).map { "# " + $0.line + "\n" }.joined()
            Console.write(header + UnifiedDiff.render(oldPath: file.path, newPath: file.path, old: file.original, new: file.fixed, style: style))
        }
        for outcome in outcomes { Console.error(summary(outcome, written: false, of: outcomes.count > 1)) }
        if failed { throw ExitCode(2) }
        if !files.isEmpty { throw ExitCode(1) }
    }

    /// One result per file, in first-touched order: the text on disk before any project's fixes, after all of them.
    static func merged(_ results: [FixOutcome.FileResult]) -> [FixOutcome.FileResult] {
        var byPath: [String: Int] = [:]
        var merged: [FixOutcome.FileResult] = []
        for result in results {
            let path = PathName.normalize(result.path)
            if let index = byPath[path] {
                merged[index].fixed = result.fixed
            } else {
                byPath[path] = merged.count
                merged.append(result)
            }
        }
        return merged
    }

    private func summary(_ outcome: FixOutcome, written: Bool, of several: Bool) -> String {
        let count = outcome.applied.count
        let verb = written ? "Fixed" : "Would fix"
        var text = (several ? "\(outcome.before.project): " : "") + "\(verb) \(count) finding\(count == 1 ? "" : "s") in \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s")"
        if !outcome.refused.isEmpty { text += "; \(outcome.refused.count) fix\(outcome.refused.count == 1 ? "" : "es") refused" }
        text += ". Score \(Score.format(outcome.before.score.overall)) -> \(Score.format(outcome.after.score.overall))"
        if outcome.skippedUnsafe > 0 { text += " (\(outcome.skippedUnsafe) more with --unsafe-fixes)" }
        for group in FixConsequence.grouped(outcome.applied) { text += "\n  " + group.line }
        return text
    }
}
