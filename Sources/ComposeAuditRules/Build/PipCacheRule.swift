import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA408: pip's download cache kept in the image.
public struct PipCacheRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA408", name: "pip-cache", category: .build, severity: .low,
        subject: "RUN with pip install",
        summary: "`pip install` without `--no-cache-dir` (and no cache mount, no `PIP_NO_CACHE_DIR`)",
        rationale: """
            pip keeps every wheel it downloads in `~/.cache/pip`; in an image that cache is dead weight, \
            often as large as the packages themselves. Add `--no-cache-dir`, set `PIP_NO_CACHE_DIR=1`, or \
            use `RUN --mount=type=cache,target=/root/.cache/pip` to keep the cache out of the layer.
            """,
        triggering: [
            RuleExample("pip install with the cache", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nCOPY requirements.txt .\n↓RUN pip install -r requirements.txt\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a builder stage: its cache stays behind, the image only gets what `COPY --from` takes", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12 AS wheels\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=wheels /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
            ]),
            RuleExample("flag, environment variable, cache mount", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n  api:\n    build: ./api\n",
                "Dockerfile": "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\nRUN --mount=type=cache,target=/root/.cache/pip python -m pip install .\n",
                "api/Dockerfile": "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip3 install fastapi\n",
            ]),
            RuleExample("`--no-cache`: pip reads an unambiguous prefix as the long option", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nRUN pip install --no-cache -r requirements.txt\n",
            ]),
        ],
        fixTitle: "Add `--no-cache-dir`",
        fixSafety: .safe("pip keeps no download cache in the image: the same packages, a smaller layer"),
        corrections: [
            RuleCorrection("after each `pip install`", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM python:3.12-slim\nRUN pip install --upgrade pip \\\n    && pip3 install -r requirements.txt\n",
            ], after: ["Dockerfile": "FROM python:3.12-slim\nRUN pip install --no-cache-dir --upgrade pip \\\n    && pip3 install --no-cache-dir -r requirements.txt\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        // A cache in a builder stage stays behind with its layers: only the image's stages are judged.
        guard project.layerReachesImage(instruction, in: dockerfile) else { return .notApplicable }
        let words = ShellWords.split(instruction.arguments, escape: instruction.escape)
        guard Self.hasPipInstall(words) else { return .notApplicable }
        let cached = instruction.flags.contains { $0.name == "mount" && ($0.value ?? "").contains("pip") }
        let disabledByEnvironment = dockerfile.instructions.contains { instruction in
            instruction.keyword == "ENV" && KeyValueWords.pairs(instruction.arguments).contains { $0.0 == "PIP_NO_CACHE_DIR" }
        }
        // pip takes any unambiguous prefix of a long option: `--no-cache` and `--no-cache-d` mean `--no-cache-dir`.
        let flagged = words.contains { $0.count >= "--no-cache".count && "--no-cache-dir".hasPrefix($0) }
        guard !cached, !disabledByEnvironment, !flagged else { return .passes }
        let edits = SourceWords(dockerfile, instruction).pipInstalls.map { TextEdit.insert(" --no-cache-dir", at: $0.install.end) }
        let fix = edits.isEmpty ? nil : Fix("Add --no-cache-dir", applicability: .safe, changes: [FileChange(path: dockerfile.path, edits: edits)])
        return .fails(Violation("`pip install` in `\(dockerfile.path)` keeps its download cache in the image",
                                at: dockerfile.location(instruction.range), fix: fix))
    }

    static func hasPipInstall(_ words: [String]) -> Bool {
        for (index, word) in words.enumerated() where index + 1 < words.count {
            let name = ShellCommand.basename(word)
            if name.hasPrefix("pip"), !name.hasPrefix("pipx"), !name.hasPrefix("pipenv"), words[index + 1] == "install" { return true }
            if name == "-m", words[index + 1].hasPrefix("pip"), index + 2 < words.count, words[index + 2] == "install" { return true }
        }
        return false
    }
}
