import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA402: clutter that `.dockerignore` does not exclude.
public struct DockerignoreIncompleteRule: BuildContextRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA402", name: "dockerignore-incomplete", category: .build, severity: .low,
        subject: "build context",
        standards: StandardReferences(owasp: ["D06"], cwe: [538]),
        summary: "Files a build never needs (`.git/`, `node_modules/`, caches, logs, docs) are in the context and not excluded",
        rationale: """
            Every byte in the context is sent to the builder before the first instruction runs, and \
            `COPY . .` copies it into the image. VCS history, host-installed dependencies, test and type \
            checker caches, logs and documentation make builds slower and images bigger, and change on \
            every run, which defeats the layer cache. Paths that a `COPY`/`ADD` names are never reported.
            """,
        triggering: [
            RuleExample("caches and docs are sent", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
                ".dockerignore": "↓.git\n",
                ".pytest_cache/v/cache/lastfailed": "{}",
                "docs/guide.md": "# Guide",
                "app/__pycache__/main.cpython-312.pyc": "xx",
            ]),
        ],
        nonTriggering: [
            RuleExample("everything excluded, or named by COPY", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": "FROM python:3.12-slim\nCOPY docs/ /app/docs/\nCOPY src/ /app/src/\n",
                ".dockerignore": "**/__pycache__\n.pytest_cache\n*.log\n",
                ".pytest_cache/v/cache/lastfailed": "{}",
                "docs/guide.md": "# Guide",
                "src/__pycache__/main.cpython-312.pyc": "xx",
                "server.log": "started",
            ]),
            RuleExample("clutter folders that hold nothing (a `.gitkeep`): zero bytes are not worth a finding", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nCOPY src/ /app/src/\n",
                ".dockerignore": ".git\n",
                "logs/.gitkeep": "",
                "src/main.py": "print()\n",
            ]),
        ],
        fixTitle: "Append the missing exclusions to .dockerignore",
        fixSafety: .unsafe(.changesImageContents, consequence: "The files it adds no longer reach the build: an image that copied them (`COPY . .`) no longer contains them"),
        corrections: [
            RuleCorrection("appended under a comment", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
                ".dockerignore": "# Python\n__pycache__\n",
                ".pytest_cache/v/cache/lastfailed": "{}",
                "docs/guide.md": "# Guide",
                "server.log": "started",
            ], after: [".dockerignore": "# Python\n__pycache__\n\n# Added by compose-audit: never needed by the build\n**/.pytest_cache\n**/*.log\ndocs\n"]),
        ]
    )

    public func judge(_ use: ContextUse, in project: Project) -> Verdict {
        guard let context = use.context, let ignore = context.dockerIgnore else { return .notApplicable }
        let copied = Self.copiedSources(use.dockerfiles)
        var bytesByPattern: [String: Int] = [:]
        for file in context.files where !file.isIgnored {
            guard let entry = BuildClutter.entry(for: file.path) else { continue }
            if copied.contains(where: { PathName.isSameOrInside(file.path, $0) }) { continue }
            bytesByPattern[entry.pattern, default: 0] += file.size
        }
        let total = bytesByPattern.values.reduce(0, +)
        guard total > 0 else { return .passes }
        let ordered = BuildClutter.entries.map(\.pattern).filter { bytesByPattern[$0] != nil }
        let list = ordered.map { "`\($0)` (\(ByteCount.format(bytesByPattern[$0] ?? 0)))" }.joined(separator: ", ")
        let fix = use.appending(ordered, comment: "Added by compose-audit: never needed by the build").map {
            Fix("Exclude \(ordered.joined(separator: ", "))", applicability: .unsafe, changes: [$0])
        }
        return .fails(Violation(
            "Build context `\(use.path)` sends \(ByteCount.format(total)) the build does not need: \(list)",
            at: SourceLocation(path: ignore.source.path, range: ignore.patterns.first?.range ?? TextRange.at(ignore.source.byteOrderMarkLength)),
            fix: fix))
    }

    /// Context paths that a COPY/ADD names explicitly (not `.`): excluding them would break the build.
    static func copiedSources(_ dockerfiles: [Dockerfile]) -> [String] {
        var result: [String] = []
        for dockerfile in dockerfiles {
            for instruction in dockerfile.instructions where instruction.keyword == "COPY" || instruction.keyword == "ADD" {
                guard instruction.flag("from") == nil else { continue }
                let words = instruction.words
                for source in words.dropLast() {
                    let path = PathName.normalize(source)
                    if path != "." && !path.contains("*") { result.append(path) }
                }
            }
        }
        return result
    }
}
