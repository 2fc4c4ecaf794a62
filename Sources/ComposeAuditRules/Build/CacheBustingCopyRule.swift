import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA410: the whole context copied before the dependency install.
public struct CacheBustingCopyRule: StageRule {
    public init() {}

    /// Commands that install or fetch dependencies from a manifest or lockfile (`pnpm fetch` and `pip download` fill
    /// a cached layer that a later offline install reads).
    static let installers: [[String]] = [
        ["pnpm", "fetch"], ["pip", "download"], ["pip3", "download"], ["bun", "install"],
        ["pip", "install", "-r"], ["pip3", "install", "-r"], ["npm", "ci"], ["npm", "install"], ["yarn", "install"],
        ["pnpm", "install"], ["go", "mod", "download"], ["bundle", "install"], ["composer", "install"],
        ["poetry", "install"], ["uv", "sync"], ["pipenv", "install"], ["cargo", "fetch"], ["dotnet", "restore"],
        ["mvn", "dependency:go-offline"], ["gradle", "dependencies"],
    ]

    public static let description = RuleDescription(
        id: "CA410", name: "cache-busting-copy", category: .build, severity: .low,
        subject: "stage with a dependency install",
        summary: "`COPY . .` (the whole context) comes before a dependency install that could be cached",
        rationale: """
            Any change to any file invalidates the `COPY . .` layer and every layer after it, so the \
            dependency install reruns on every commit. Copy the manifest first (`requirements.txt`, \
            `package*.json`, `go.mod`/`go.sum`, `Gemfile*`), install, then copy the rest.
            """,
        triggering: [
            RuleExample("copy everything, then npm ci", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine\nWORKDIR /app\n↓COPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("manifest first", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n",
            ]),
            RuleExample("pnpm's documented pattern: fetch from the lockfile (cached), copy everything, install offline", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine\nWORKDIR /app\nCOPY pnpm-lock.yaml ./\nRUN pnpm fetch\nCOPY . .\nRUN pnpm install --offline\n",
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    static func installs(_ instruction: Instruction) -> Bool {
        let words = ShellWords.split(instruction.arguments, escape: instruction.escape).map(ShellCommand.basename)
        return installers.contains { pattern in
            words.indices.contains { start in
                start + pattern.count <= words.count && Array(words[start..<start + pattern.count]) == pattern
            }
        }
    }

    static func copiesWholeContext(_ instruction: Instruction) -> Bool {
        guard instruction.keyword == "COPY" || instruction.keyword == "ADD", instruction.flag("from") == nil else { return false }
        return instruction.words.dropLast().contains { [".", "./", "*", "./*"].contains($0) }
    }

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        guard let install = stage.instructions.firstIndex(where: { $0.keyword == "RUN" && Self.installs($0) }) else { return .notApplicable }
        guard let copy = stage.instructions[..<install].first(where: Self.copiesWholeContext) else { return .passes }
        return .fails(Violation("`\(copy.keyword) \(copy.arguments)` copies the whole context before a dependency install: every change reinstalls dependencies",
                                at: dockerfile.location(copy.range)))
    }
}
