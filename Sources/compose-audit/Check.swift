import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a compose project and print its findings and score.",
        discussion: """
            Reads each PATH's project: a folder's compose file (compose.yaml,
            compose.yml, docker-compose.yaml or docker-compose.yml, plus the matching
            .override file) or the compose file named, the project's .env, every
            Dockerfile a service builds with its .dockerignore and context, and the
            nginx configs services mount.

            Examples:
              compose-audit check                      audit the current folder
              compose-audit check deploy/ --format sarif > audit.sarif
              compose-audit check -f compose.yaml -f compose.prod.yaml --fail-on critical
              compose-audit check --min-score 8        fail when the score is under 8.0
              compose-audit check --recursive .        every project below, on all cores
            """
    )

    @OptionGroup(title: "Projects")
    var projects: ProjectOptions

    @Option(help: "Output format: text, json, sarif, markdown, github, junit, gitlab or checkstyle.")
    var format: ReportFormat = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Fail (exit 1) on findings of this severity or worse: critical, high, medium, low, info or never (default: high, or the config file's).")
    var failOn: FailThreshold?

    @Option(name: .customLong("min-score"), help: "Fail (exit 1) when the score is below this value (0-10).")
    var minimumScore: Double?

    @Option(help: "Report and gate only findings that are not in this baseline (see `compose-audit baseline`).")
    var baseline: String?

    @OptionGroup(title: "Rules")
    var rules: RuleSelectionOptions

    @OptionGroup(title: "Text output")
    var display: DisplayOptions

    @OptionGroup(title: "Configuration and limits on hostile input")
    var load: LoadOptions

    func validate() throws {
        if let minimumScore, !(0...10).contains(minimumScore) {
            throw ValidationError("--min-score must be between 0 and 10, not \(minimumScore)")
        }
    }

    func run() throws {
        var settings = load.settings
        settings.selection = rules.selection
        try CheckRequest(projects: projects.request, format: format, output: output,
                         failOn: failOn, minimumScore: minimumScore, baseline: baseline, load: settings,
                         text: display.text, color: display.color).run()
    }

    static func errorLine(_ error: ProjectLoader.LoadError) -> String {
        switch error {
        case .input(let input):
            input.all.map { "\($0.path):\($0.position.line):\($0.position.column): error: \($0.reason)" }
                .joined(separator: "\n")
        case .noComposeFile, .unreadable: "error: \(error.description)"
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, never

    var severity: Severity? { Severity(name: rawValue) }
}
