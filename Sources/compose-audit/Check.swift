import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a compose project and print its findings and score.",
        discussion: """
            Reads the compose file of DIR (compose.yaml, compose.yml, docker-compose.yaml or
            docker-compose.yml, plus the matching .override file), the project's .env, every Dockerfile a
            service builds with its .dockerignore and context, and the nginx configs services mount.

            Examples:
              compose-audit check                      audit the current folder
              compose-audit check deploy/ --format sarif > audit.sarif
              compose-audit check -f compose.yaml -f compose.prod.yaml --fail-on critical
              compose-audit check --min-score 8        fail CI when the score drops under 8.0
            """
    )

    @Argument(help: "The project folder.")
    var directory: String = "."

    @Option(name: [.customShort("f"), .customLong("file")],
            help: "A compose file to load instead of the default ones (repeat to layer files, as docker compose -f does).")
    var files: [String] = []

    @Option(help: "Output format: text, json, sarif, markdown, github, junit, gitlab or checkstyle.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Fail (exit 1) on findings of this severity or worse: critical, high, medium, low, info or never (default: high, or the config file's).")
    var failOn: FailThreshold?

    @Option(name: .customLong("min-score"), help: "Fail (exit 1) when the score is below this value (0-10).")
    var minimumScore: Double?

    @Option(help: "A configuration file (default: .compose-audit.yml in the project folder).")
    var config: String?

    @Option(help: "Report and gate only findings that are not in this baseline (see `compose-audit baseline`).")
    var baseline: String?

    func validate() throws {
        if let minimumScore, !(0...10).contains(minimumScore) {
            throw ValidationError("--min-score must be between 0 and 10, not \(minimumScore)")
        }
    }

    func run() throws {
        var loader = ProjectLoader(fileSystem: LocalFileSystem(root: "."), environment: Console.environment,
                                   folderName: Console.folderName(of: directory))
        loader.configurationPath = config
        let root = PathName.normalize(directory)
        let project: Project
        do {
            project = try loader.load(root: root, files: files)
        } catch {
            Console.error(Self.errorLine(error))
            throw ExitCode(2)
        }
        let rules = BuiltinRules.all
        var report = Linter(rules: rules).audit(project)
        if let baseline {
            let accepted: Baseline
            do {
                accepted = try Baseline.decode(try LocalFileSystem(root: ".").contents(of: baseline), path: baseline)
            } catch let error as Baseline.ReadError {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(2)
            }
            let fresh = accepted.newFindings(report.findings)
            if fresh.count < report.findings.count {
                Console.error("\(report.findings.count - fresh.count) finding\(report.findings.count - fresh.count == 1 ? "" : "s") in the baseline not shown")
            }
            report.findings = fresh
        }
        let style: TerminalStyle = format == .text && output == nil && Console.stdoutIsColorTerminal ? .color : .plain
        let rendered = format.render(report, rules: BuiltinRules.documented, style: style)
        if let output {
            do {
                try AtomicFileWriter.write([(output, Array(rendered.utf8))])
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
        } else {
            Console.write(rendered)
        }
        let configured = project.configuration
        let threshold: Severity? = failOn.map(\.severity) ?? configured.failOn ?? .high
        let gate = Gate(failOn: threshold, minimumScore: minimumScore ?? configured.minimumScore)
        if !gate.passes(report) { throw ExitCode(1) }
    }

    static func errorLine(_ error: ProjectLoader.LoadError) -> String {
        switch error {
        case .input(let input): "\(input.path):\(input.position.line):\(input.position.column): error: \(input.reason)"
        case .noComposeFile, .unreadable: "error: \(error.description)"
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, never

    var severity: Severity? { Severity(name: rawValue) }
}
