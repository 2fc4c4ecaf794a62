import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

/// What `check` was asked to do, as plain values: filled in by the argument parser (`Check`), or by
/// `quickParse` for the common command lines, which then start without the parser.
struct CheckRequest {
    var paths: [String] = []
    var recursive = false
    var files: [String] = []
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
        let load = self.load
        let roots = paths.isEmpty ? ["."] : paths.map(ProjectTarget.relativeToWorkingFolder)
        var targets: [ProjectTarget] = []
        var inputErrors = 0
        if recursive {
            if let missing = roots.first(where: { !fileSystem.exists($0) }) {
                Console.error(TargetError.missing(missing).description)
                throw ExitCode(2)
            }
            let folders = roots.flatMap { ProjectDiscovery.projects(under: $0, fileSystem: fileSystem) }
            guard !folders.isEmpty else {
                Console.error("error: no compose project under \(roots.joined(separator: ", "))")
                throw ExitCode(2)
            }
            if folders.count > 1 && !files.isEmpty {
                throw ValidationError("-f/--file names the files of one project; use it with a single folder")
            }
            targets = folders.map { ProjectTarget(folder: $0, files: files) }
        } else {
            if roots.count > 1 && !files.isEmpty {
                throw ValidationError("-f/--file names the files of one project; use it with a single folder")
            }
            for root in roots {
                do throws(TargetError) {
                    targets.append(try ProjectTarget.resolve(root, files: files, fileSystem: fileSystem))
                } catch {
                    inputErrors += 1
                    Console.error(error.description)
                }
            }
        }
        let environment = Console.environment
        let results = ParallelAudit.run(targets: targets, progress: targets.count > 1) { target throws(ProjectLoader.LoadError) in
            try load.loader(for: target.folder, fileSystem: fileSystem, environment: environment)
                .load(root: PathName.normalize(target.folder), files: target.files)
        }
        var reports: [AuditReport] = []
        var configuration = Configuration()
        for result in results {
            switch result {
            case .success(let audited):
                var report = audited.report
                configuration = audited.configuration
                if let baseline { report = report.keeping(try Self.withoutBaseline(report.findings, baseline)) }
                reports.append(report)
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
        if inputErrors > 0 { throw ExitCode(2) }
        let gate = Gate(failOn: threshold, minimumScore: minimumScore ?? configuration.minimumScore)
        if reports.contains(where: { !gate.passes($0) }) { throw ExitCode(1) }
    }

    static func withoutBaseline(_ findings: [Finding], _ path: String) throws -> [Finding] {
        let accepted: Baseline
        do {
            accepted = try Baseline.decode(try LocalFileSystem(root: ".").contents(of: path), path: path)
        } catch let error as Baseline.ReadError {
            Console.error("error: \(error.description)")
            throw ExitCode(2)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        return accepted.newFindings(findings)
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
                request.paths.append(word)
                continue
            }
            if word == "--recursive" {
                request.recursive = true
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
            case "-f", "--file": request.files.append(value)
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
        if request.paths.count > 1 || request.recursive, !request.files.isEmpty { return nil }
        return request
    }
}
