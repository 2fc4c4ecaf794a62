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
            variable is silently ignored: that case is high severity. A count in a compose `command:` is \
            low: it sits in the file a deployment edits anyway; one in the image's CMD is medium. Read the count \
            from the variable with a default, and keep exec form so the server stays PID 1 and receives SIGTERM.
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
            RuleExample("celery concurrency in a compose command (low)", files: [
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
        fixTitle: "Read the count from the variable the server itself reads (`WEB_CONCURRENCY` for gunicorn and uvicorn, `GRANIAN_WORKERS`, `UWSGI_PROCESSES`), defaulting to the count written; where the service sets a worker variable the command ignores, read that one (an unsafe fix: the count changes to its value); none for servers without a variable (celery, puma, ...)",
        fixSafety: .safe("The server runs the same count unless the environment sets its own variable, which a deployment can now do", modelParts: ["services.*.command", "services.*.entrypoint"]),
        corrections: [
            RuleCorrection("Dockerfile CMD: exec form kept through `sh -c exec`; gunicorn's own WEB_CONCURRENCY", before: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": """
                    FROM python:3.12-slim
                    USER nobody
                    # Run application
                    CMD ["gunicorn", "app.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
                    """,
            ], after: ["Dockerfile": """
                FROM python:3.12-slim
                USER nobody
                # Run application
                CMD ["sh", "-c", "exec gunicorn app.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3}"]
                """]),
            RuleCorrection("compose command: the variable reaches the container's shell (`$$`)", before: ["compose.yaml": """
                services:
                  api:
                    image: example/app:1.0
                    command: uvicorn app.main:app --host 0.0.0.0 --workers 4
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/app:1.0
                    command: ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --workers $${WEB_CONCURRENCY:-4}"]
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
        // The program's own variable while nothing sets it: the same count runs (safe). A worker variable the service
        // sets and the command ignores: reading it runs the count it says, as its author meant (unsafe).
        let fix: Fix?
        if let (variable, place) = defined {
            fix = self.fix(invocation, count: count, variable: variable, service: service, project: project).map { fix in
                var unsafe = fix
                unsafe.applicability = .unsafe
                unsafe.consequence = "The worker count becomes what `\(variable)` says in \(place), no longer \(count.count)"
                return unsafe
            }
        } else {
            fix = server.ownVariable.flatMap { self.fix(invocation, count: count, variable: $0, service: service, project: project) }
        }
        let message = "`\(count.server) \(count.flag)` hard-codes the worker count"
        guard let (variable, place) = defined else {
            // A count in the compose file sits where a deployment edits it anyway; one baked into the image does not.
            if invocation.isFromDockerfile { return Violation(message + " of service `\(service.name)`", at: invocation.location, fix: fix) }
            return Violation(message + " of service `\(service.name)` in its compose command (low: each host changes it by editing the file; a variable lets it set its own)",
                             at: invocation.location, severity: .low, fix: fix)
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
            guard !Self.hasNoShell(dockerfile.rootImage(of: stage)) else { return nil }
            let words = Self.rewrittenWords(instruction.words, count: count, variable: variable, dollar: "$")
            let edits = [editor.replace(instruction, with: keyword + " " + DockerfileEditor.execForm(words))]
            return Fix("Read the count from `\(variable)`", applicability: .safe, changes: [FileChange(path: dockerfile.path, edits: edits)])
        }
        guard !Self.hasNoShell(service.image?.value ?? ""),
              let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service) else { return nil }
        let key = service.command?.location == invocation.location ? "command" : "entrypoint"
        guard let node = editing.tree.ownValue(body, forKey: key),
              editing.tree.kind(node) == .scalar || editing.tree.isFlow(node) else { return nil }
        let words = Self.rewrittenWords(invocation.words, count: count, variable: variable, dollar: "$$")
        let text = "[" + words.map(YAMLScalarText.quoted).joined(separator: ", ") + "]"
        return Fix("Read the count from `\(variable)`", applicability: .safe,
                   changes: [FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: text)])])
    }

    /// Images without `/bin/sh` (distroless, scratch, Chainguard), where `sh -c` cannot run.
    static func hasNoShell(_ image: String) -> Bool { NonRootUserFix.family(of: image) == .distroless }

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
