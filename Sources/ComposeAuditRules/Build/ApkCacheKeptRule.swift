import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA417: `apk add` without `--no-cache` keeps Alpine's package index in the image.
public struct ApkCacheKeptRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA417", name: "apk-cache-kept", category: .build, severity: .low,
        subject: "instruction",
        standards: StandardReferences(cis: ["4.7"]),
        summary: "`apk add` without `--no-cache` leaves the package index in the layer",
        rationale: """
            `apk add` downloads Alpine's package index into `/var/cache/apk` and leaves it in the layer: a few \
            megabytes in every image, and an index that goes stale. `apk add --no-cache` fetches the index, \
            installs and keeps nothing, so no `apk update` or `rm -rf /var/cache/apk/*` is needed. A `RUN` that \
            removes the cache itself, mounts a build cache at `/var/cache/apk` or adds with `--no-network` is not reported.
            """,
        triggering: [
            RuleExample("the index stays in the image", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\n↓RUN apk update && apk add curl ca-certificates\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("a builder stage: its index stays behind, the image only gets what `COPY --from` takes", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20 AS builder\nRUN apk add gcc make\nRUN make\nFROM alpine:3.20\nCOPY --from=builder /out/app /usr/local/bin/app\n",
            ]),
            RuleExample("--no-cache, a removed cache and a cache mount", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM alpine:3.20
                    RUN apk add --no-cache curl
                    RUN apk add --virtual .build-deps gcc && make && apk del .build-deps && rm -rf /var/cache/apk/*
                    RUN --mount=type=cache,target=/var/cache/apk apk add git
                    RUN apk info
                    """,
            ]),
        ],
        fixTitle: "Add `--no-cache` after `apk add`",
        fixSafety: .safe("apk keeps no package index in the image: the same packages, a smaller layer"),
        corrections: [
            RuleCorrection("the same packages, no index kept", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nRUN apk add curl \\\n    && apk add -t .deps gcc\n",
            ], after: ["Dockerfile": "FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    && apk add --no-cache -t .deps gcc\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public var keywords: Set<String> { ["RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        // A cache in a builder stage stays behind with its layers: only the image's stages are judged.
        guard project.layerReachesImage(instruction, in: dockerfile) else { return .notApplicable }
        let source = SourceWords(dockerfile, instruction)
        let words = source.words
        let adds = words.indices.filter { index in
            ShellCommand.basename(words[index].text) == "apk" && words[(index + 1)...].first { !$0.text.hasPrefix("-") }?.text == "add"
        }
        guard !adds.isEmpty else { return .notApplicable }
        let text = instruction.arguments + instruction.heredocs.map(\.effectiveBody).joined(separator: "\n")
        let cached = instruction.flags.contains { $0.name == "mount" && ($0.value ?? "").contains("/var/cache/apk") }
        guard !cached, !text.contains("/var/cache/apk") else { return .passes }
        let missing = adds.compactMap { index -> TextRange? in
            let command = source.arguments(ofCommandAt: index)
            guard !command.contains(where: { $0.text == "--no-cache" || $0.text == "--no-network" }) else { return nil }
            return command.first { $0.text == "add" }?.range
        }
        guard !missing.isEmpty else { return .passes }
        let fix = instruction.heredocs.isEmpty ? Fix("Add `--no-cache`", applicability: .safe, changes: [
            FileChange(path: dockerfile.path, edits: missing.map { .insert(" --no-cache", at: $0.end) }),
        ]) : nil
        return .fails(Violation("`apk add` without `--no-cache` keeps the package index in the image",
                                at: dockerfile.location(instruction.range), fix: fix))
    }
}
