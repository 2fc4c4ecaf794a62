import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA419: `COPY`/`ADD` with several sources and a destination that does not end with `/`.
public struct CopyDestinationNotFolderRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA419", name: "copy-destination-not-folder", category: .build, severity: .high,
        subject: "instruction",
        summary: "`COPY` or `ADD` has several sources and a destination that does not end with `/`",
        rationale: """
            With more than one source, the destination must be a folder written with a trailing slash; \
            `COPY package.json package-lock.json /app` fails the build ("When using COPY with more than one \
            source file, the destination must be a directory and end with a /"). Add the slash.
            """,
        triggering: [
            RuleExample("two sources into a path without a slash", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine\nWORKDIR /app\n↓COPY package.json package-lock.json ./app\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a folder destination, one source, and a heredoc", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM node:22-alpine
                    COPY package.json package-lock.json /app/
                    COPY ["server.js", "routes.js", "/app/"]
                    COPY --chown=node:node src /app/src
                    COPY . .
                    COPY <<EOF /app/.npmrc
                    fund=false
                    EOF
                    """,
            ]),
        ],
        fixTitle: "End the destination with `/`",
        fixSafety: .safe("The build already treats the destination as a folder; the trailing `/` says so"),
        corrections: [
            RuleCorrection("the slash the build asks for", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM node:22-alpine\nCOPY package.json package-lock.json /app\n",
            ], after: ["Dockerfile": "FROM node:22-alpine\nCOPY package.json package-lock.json /app/\n"]),
        ]
    )

    public var keywords: Set<String> { ["COPY", "ADD"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let words = instruction.words
        guard instruction.heredocs.isEmpty, words.count >= 3, let destination = words.last, !destination.contains("$") else { return .notApplicable }
        guard !destination.hasSuffix("/"), destination != ".", destination != ".." else { return .passes }
        let ranges = instruction.argumentRanges
        var fix: Fix?
        if instruction.execForm == nil, ranges.count == words.count, let last = ranges.last {
            fix = Fix("End `\(destination)` with `/`", applicability: .safe,
                      changes: [FileChange(path: dockerfile.path, edits: [.insert("/", at: last.end)])])
        }
        return .fails(Violation("`\(instruction.keyword)` of \(words.count - 1) sources into `\(destination)`: the destination must end with `/`",
                                at: dockerfile.location(instruction.range), fix: fix))
    }
}
