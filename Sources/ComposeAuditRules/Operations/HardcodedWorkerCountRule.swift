import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA307: a worker or concurrency count written into the command.
public struct HardcodedWorkerCountRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA307", name: "hardcoded-worker-count", category: .operations, severity: .medium,
        subject: "server command",
        summary: "A command passes a literal worker or concurrency count (uvicorn `--workers 4`, gunicorn `-w 4`, celery `-c 8`, …)",
        rationale: """
            A count written into CMD or `command:` cannot follow the machine or the environment: dev gets \
            as many workers as production, and a bigger host gets no more. Worse, when the service also \
            defines the variable meant to set it (`UVICORN_WORKERS`, `WEB_CONCURRENCY`, \
            `CELERY_CONCURRENCY`, … in `environment`, an env file, `.env` or a Dockerfile `ENV`), the \
            variable is silently ignored: that case is high severity. Read the count from the variable \
            with a default, and keep exec form so the server stays PID 1 and receives SIGTERM.
            """,
        triggering: [
            RuleExample("uvicorn in the Dockerfile's CMD while compose sets UVICORN_WORKERS (high)", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        environment:
                          UVICORN_WORKERS: 2
                    """,
                "Dockerfile": """
                    FROM python:3.12-slim
                    USER nobody
                    ↓CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "4"]
                    """,
            ]),
            RuleExample("celery concurrency in a compose command", files: [
                "compose.yaml": """
                    services:
                      worker:
                        image: example/app:1.0
                        command: ↓celery -A proj worker -c 8 --loglevel=info
                      web:
                        image: example/app:1.0
                        command: ↓["sh", "-c", "python manage.py migrate && exec gunicorn -w4 proj.wsgi"]
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("the count comes from a variable", files: [
                "compose.yaml": """
                    services:
                      web:
                        image: example/app:1.0
                        command: ["sh", "-c", "exec gunicorn --workers $${WEB_CONCURRENCY:-4} proj.wsgi"]
                      worker:
                        image: example/app:1.0
                        command: celery -A proj worker --loglevel=info
                    """,
            ]),
        ],
        fixTitle: "Read the worker count from an environment variable with a default",
        fixApplicability: .safe,
        corrections: [
            RuleCorrection("Dockerfile CMD: exec form kept through `sh -c exec`, ENV default added", before: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        environment:
                          UVICORN_WORKERS: ${UVICORN_WORKERS:-4}
                    """,
                "Dockerfile": """
                    FROM python:3.12-slim
                    USER nobody
                    # Run application
                    CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "4"]
                    """,
            ], after: ["Dockerfile": """
                FROM python:3.12-slim
                USER nobody
                ENV UVICORN_WORKERS=4
                # Run application
                CMD ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --workers ${UVICORN_WORKERS:-4}"]
                """]),
            RuleCorrection("compose command: the variable reaches the container's shell (`$$`)", before: ["compose.yaml": """
                services:
                  worker:
                    image: example/app:1.0
                    command: celery -A proj worker -c 8 --loglevel=info
                """], after: ["compose.yaml": """
                services:
                  worker:
                    image: example/app:1.0
                    command: ["sh", "-c", "exec celery -A proj worker -c $${CELERY_CONCURRENCY:-8} --loglevel=info"]
                """]),
        ]
    )

    /// Each server command line the service runs (a Dockerfile `CMD` is shared by the services that build it).
    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        var parts: [PartVerdict] = []
        for invocation in project.invocations(of: service) {
            for words in invocation.simpleCommands {
                guard let server = WorkerServers.server(for: words) else { continue }
                let verdict = WorkerServers.hardcodedCount(in: words).map {
                    Verdict.fails(violation($0, server: server, in: invocation, service: service, project: project))
                } ?? .passes
                parts.append(PartVerdict(invocation.subject, verdict, isShared: true))
            }
        }
        return parts
    }

    private func violation(_ count: WorkerServers.HardcodedCount, server: WorkerServer, in invocation: CommandInvocation,
                           service: Service, project: Project) -> Violation {
        let defined = definedVariable(for: server, service: service, project: project)
        let fix = self.fix(invocation, count: count, variable: defined?.0 ?? server.variables[0], service: service, project: project)
        let message = "`\(count.server) \(count.flag)` hard-codes the worker count"
        guard let (variable, place) = defined else {
            return Violation(message + " of service `\(service.name)`", at: invocation.location, fix: fix)
        }
        return Violation(message + "; `\(variable)` is set in \(place) for service `\(service.name)` and is ignored",
                         at: invocation.location, severity: .high, fix: fix)
    }

    /// The command rewritten to read the count from `variable` in the container's shell, still exec'd.
    static func rewrittenWords(_ words: [String], count: WorkerServers.HardcodedCount, variable: String, dollar: String) -> [String] {
        let reference = "\(dollar){\(variable):-\(count.count)}"
        if words.count == 3, ["sh", "bash", "/bin/sh", "/bin/bash"].contains(words[0]), words[1] == "-c" {
            let script = words[2]
            let flag = count.flag
            let replacement: String = flag.contains(" ")
                ? String(flag.split(separator: " ")[0]) + " " + reference
                : flag.contains("=") ? String(flag.split(separator: "=")[0]) + "=" + reference : String(flag.prefix(2)) + " " + reference
            guard let range = script.firstRange(of: flag) else { return words }
            var updated = script
            updated.replaceSubrange(range, with: replacement)
            return [words[0], "-c", updated]
        }
        var replaced = false
        let rewritten = words.enumerated().map { index, word -> String in
            guard !replaced else { return ShellQuoting.quote(word) }
            if word == String(count.count), index > 0, count.flag.hasPrefix(words[index - 1] + " ") {
                replaced = true
                return reference
            }
            if word == count.flag {
                replaced = true
                return word.contains("=") ? String(word.split(separator: "=")[0]) + "=" + reference : String(word.prefix(2)) + " " + reference
            }
            return ShellQuoting.quote(word)
        }
        return ["sh", "-c", "exec " + rewritten.joined(separator: " ")]
    }

    private func fix(_ invocation: CommandInvocation, count: WorkerServers.HardcodedCount, variable: String,
                     service: Service, project: Project) -> Fix? {
        if invocation.isFromDockerfile {
            guard let build = project.build(of: service.name), let dockerfile = build.dockerfile, let stage = build.finalStage,
                  let instruction = dockerfile.inheritedInstructions(of: stage).last(where: { $0.range == invocation.location.range })
            else { return nil }
            let editor = DockerfileEditor(dockerfile: dockerfile)
            let keyword = dockerfile.source.text(in: instruction.keywordRange)
            let words = Self.rewrittenWords(instruction.words, count: count, variable: variable, dollar: "$")
            var edits = [editor.replace(instruction, with: keyword + " " + DockerfileEditor.execForm(words))]
            if !dockerfile.environmentNames(of: stage).contains(variable) {
                edits.append(editor.insert(["ENV \(variable)=\(count.count)"], before: instruction))
            }
            return Fix("Read the count from `\(variable)`", applicability: .safe, changes: [FileChange(path: dockerfile.path, edits: edits)])
        }
        guard let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service) else { return nil }
        let key = service.command?.location == invocation.location ? "command" : "entrypoint"
        guard let node = editing.tree.ownValue(body, forKey: key),
              editing.tree.kind(node) == .scalar || editing.tree.isFlow(node) else { return nil }
        let words = Self.rewrittenWords(invocation.words, count: count, variable: variable, dollar: "$$")
        let text = "[" + words.map(YAMLScalarText.quoted).joined(separator: ", ") + "]"
        return Fix("Read the count from `\(variable)`", applicability: .safe,
                   changes: [FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: text)])])
    }

    /// The first variable meant for this server that the service defines, and where.
    private func definedVariable(for server: WorkerServer, service: Service, project: Project) -> (String, String)? {
        let candidates = server.variables + WorkerServers.genericVariables
        let environment = Set(service.environment.map(\.name))
        var envFileNames: Set<String> = []
        for reference in service.envFiles {
            if let file = project.envFiles[project.hostPath(reference.path.value)] { envFileNames.formUnion(file.entries.map(\.name)) }
        }
        let dotEnv = Set(project.dotEnv?.entries.map(\.name) ?? [])
        var dockerfileEnvironment: Set<String> = []
        if let build = project.build(of: service.name), let stage = build.finalStage, let dockerfile = build.dockerfile {
            dockerfileEnvironment = dockerfile.environmentNames(of: stage)
        }
        for variable in candidates {
            if environment.contains(variable) { return (variable, "`environment`") }
            if envFileNames.contains(variable) { return (variable, "its `env_file`") }
            if dockerfileEnvironment.contains(variable) { return (variable, "the Dockerfile's `ENV`") }
            if dotEnv.contains(variable) { return (variable, "`.env`") }
        }
        return nil
    }
}
