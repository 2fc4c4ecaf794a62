import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA406: `sh -c` as PID 1.
public struct ShellFormEntrypointRule: FinalStageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA406", name: "shell-form-entrypoint", category: .build, severity: .medium,
        subject: "Dockerfile",
        summary: "The image's effective `CMD` or `ENTRYPOINT` is in shell form",
        rationale: """
            Shell form runs `/bin/sh -c "…"`: the shell is PID 1, does not forward SIGTERM, and the \
            application is killed after the 10 s grace period instead of shutting down cleanly (lost \
            requests, unflushed writes). Use exec form, `CMD ["app", "--flag"]`, or `exec` inside an \
            explicit `["sh", "-c", "exec app …"]` when shell expansion is needed.
            """,
        triggering: [
            RuleExample("shell-form CMD", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"old.py\"]\n↓CMD python app.py --port 8000\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("exec form, a shell that execs, a Windows image", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n  worker:\n    build: ./worker\n  win:\n    build: ./win\n",
                "win/Dockerfile": "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1\nENTRYPOINT App.exe\n",
                "Dockerfile": "FROM python:3.12-slim\nCMD python old.py\nCMD [\"python\", \"app.py\"]\n",
                "worker/Dockerfile": "FROM python:3.12-slim\nENTRYPOINT [\"sh\", \"-c\", \"exec celery -A app worker -c ${CONCURRENCY:-4}\"]\n",
            ]),
        ],
        fixTitle: "Convert to exec (JSON) form, or `[\"sh\", \"-c\", \"exec …\"]` when the command needs a shell",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "The application becomes PID 1 and receives signals itself, and variables in the command are no longer expanded by a shell: review how it stops", modelParts: ["services.*.command", "services.*.entrypoint"]),
        corrections: [
            RuleCorrection("plain words become exec form; variables keep a shell that execs", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n  api:\n    build: ./api\n",
                "Dockerfile": "FROM python:3.12-slim\nCMD python app.py --port 8000\n",
                "api/Dockerfile": "FROM python:3.12-slim\nENTRYPOINT gunicorn --bind 0.0.0.0:$PORT app:wsgi\n",
            ], after: [
                "Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\", \"--port\", \"8000\"]\n",
                "api/Dockerfile": "FROM python:3.12-slim\nENTRYPOINT [\"sh\", \"-c\", \"exec gunicorn --bind 0.0.0.0:$PORT app:wsgi\"]\n",
            ]),
        ]
    )

    /// Exec form of the same words; `sh -c "exec …"` when the command expands variables; none when it
    /// chains commands (`&&`, `|`, `;`), where `exec` would change what runs.
    static func fix(_ dockerfile: Dockerfile, _ instruction: Instruction) -> Fix? {
        let text = instruction.arguments
        if text.contains(where: { "&|;<>`()\n".contains($0) }) || text.isEmpty { return nil }
        let keyword = dockerfile.source.text(in: instruction.keywordRange)
        let words = text.contains(where: { "$*?~'\"\\".contains($0) }) ? ["sh", "-c", "exec " + text] : instruction.words
        return Fix("Use exec form", applicability: .unsafe, changes: [
            FileChange(path: dockerfile.path, edits: [
                DockerfileEditor(dockerfile: dockerfile).replace(instruction, with: keyword + " " + DockerfileEditor.execForm(words)),
            ]),
        ])
    }

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        if ImageReference(dockerfile.rootImage(of: stage)).isWindows { return .passes }
        let inherited = dockerfile.inheritedInstructions(of: stage)
        return .judged(["ENTRYPOINT", "CMD"].compactMap { keyword in
            guard let instruction = inherited.last(where: { $0.keyword == keyword }), instruction.execForm == nil else { return nil }
            return Violation("`\(keyword) \(instruction.arguments)` is in shell form: `sh` becomes PID 1 and the app never receives SIGTERM",
                             at: dockerfile.location(instruction.range), fix: Self.fix(dockerfile, instruction))
        })
    }
}
