import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA409: ADD where COPY says what is meant.
public struct AddInsteadOfCopyRule: InstructionRule {
    public init() {}

    static let archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2", ".xz"]

    public static let description = RuleDescription(
        id: "CA409", name: "add-instead-of-copy", category: .build, severity: .low,
        subject: "ADD",
        standards: StandardReferences(cis: ["4.9"], owasp: ["D08"], cwe: [829]),
        summary: "`ADD` copies a local file or folder that is not an archive to unpack",
        rationale: """
            `ADD` also unpacks archives and downloads URLs, so a reader cannot tell what a line does \
            without knowing the file; a renamed `.tar` silently starts unpacking. `COPY` does only what \
            it says. Keep `ADD` for archives to unpack, URLs with `--checksum` and git sources.
            """,
        triggering: [
            RuleExample("a plain folder", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\n↓ADD ./src /app/src\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("an archive, a URL, git", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM alpine:3.20
                    ADD rootfs.tar.gz /
                    ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /opt/
                    ADD git@github.com:example/repo.git#v1.0 /src
                    COPY ./src /app/src
                    """,
            ]),
            RuleExample("a URL from an ARG, with a default or passed at build time", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM alpine:3.20
                    ARG TOOL_URL=https://example.com/tool-1.2.bin
                    ARG PLUGIN_URL
                    ADD ${TOOL_URL} /usr/local/bin/tool
                    ADD $PLUGIN_URL /opt/plugins/
                    """,
            ]),
        ],
        fixTitle: "Use `COPY`",
        fixSafety: .safe("The same file or folder is copied; `COPY` never downloads or unpacks (the rule leaves archives and URLs alone)"),
        corrections: [
            RuleCorrection("the keyword only", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nadd --chown=1000:1000 ./src /app/src\n",
            ], after: ["Dockerfile": "FROM alpine:3.20\nCOPY --chown=1000:1000 ./src /app/src\n"]),
        ]
    )

    public var keywords: Set<String> { ["ADD"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let sources = Array(instruction.words.dropLast())
        guard !sources.isEmpty, instruction.heredocs.isEmpty else { return .passes }
        // The sources as the build sees them (ARG and ENV values expanded): `ADD ${URL} /opt/` downloads when URL
        // names one. A source that stays a variable (an ARG passed at build time) could be a URL: not reported.
        let expanded = Array(instruction.expandedWords.dropLast())
        let remoteOrArchive = (sources + expanded).contains { source in
            let lower = source.lowercased()
            return lower.contains("://") || lower.hasPrefix("git@") || lower.contains(".git#")
                || Self.archiveSuffixes.contains { lower.hasSuffix($0) }
        }
        let unknown = (expanded.isEmpty ? sources : expanded).contains { $0.contains("$") || $0.isEmpty }
        guard !remoteOrArchive, !unknown else { return .passes }
        let fix = Fix("Use COPY", applicability: .safe, changes: [
            FileChange(path: dockerfile.path, edits: [TextEdit(range: instruction.keywordRange, replacement: "COPY")]),
        ])
        return .fails(Violation("`ADD \(sources.joined(separator: " "))` copies local files; use `COPY`",
                                at: dockerfile.location(instruction.range), fix: fix))
    }
}
