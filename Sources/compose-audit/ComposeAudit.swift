import ArgumentParser
import ComposeAuditReporters

struct ComposeAudit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose-audit",
        abstract: "Audit Docker Compose projects: compose files, the Dockerfiles they build, .dockerignore and mounted configs.",
        discussion: """
            Start with `compose-audit check` in a folder that holds a compose.yaml or
            docker-compose.yml. Every finding names a rule; `compose-audit explain
            CA201` tells what it means and how to fix it.

            Exit codes: 0 the gate passed, 1 findings at or above --fail-on (or a score
            under --min-score), 2 a usage error or an input that cannot be read (the
            message names file:line:col). With --recursive, a project that cannot be
            read is a finding of its own (CA003, high) and the others are still
            audited: the gate decides, as for any finding.
            """,
        version: ToolInfo.version,
        subcommands: [Check.self, FixCommand.self, BaselineCommand.self, ConfigCommand.self, DockerfileCommand.self, Rules.self, Explain.self,
                      LanguageServerCommand.self],
        defaultSubcommand: Check.self
    )
}
