import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA415: `COPY --from` (or `RUN --mount=from=`) names a stage that is not defined before it: a stage defined
/// later, a stage index out of range, or a misspelt stage name. BuildKit reads such a name as an image to pull.
public struct CopyFromUnknownStageRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA415", name: "copy-from-unknown-stage", category: .build, severity: .high,
        subject: "instruction",
        summary: "`COPY --from` names its own stage, a stage defined later, an index past the current stage, or is one letter off an earlier stage's name",
        rationale: """
            `COPY --from=NAME` copies from an earlier stage called NAME; any other NAME is read as an image \
            reference, so a stage defined further down, an index past the current stage, or a typo (`biulder` \
            for `builder`) makes the build pull an image of that name from Docker Hub: it fails, or, worse, copies \
            files out of a stranger's image. A name that is no stage and not close to one (`--from=composer:2`, \
            `--from=nginx`) is an image on purpose and is not reported.
            """,
        triggering: [
            RuleExample("a misspelt stage name", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM golang:1.23 AS builder
                    RUN go build -o /out/app .
                    FROM gcr.io/distroless/static:nonroot
                    COPY ↓--from=biulder /out/app /app
                    """,
            ]),
            RuleExample("a stage defined after the stage that copies from it, an index past it, and the stage itself", files: [
                "compose.yaml": "services:\n  app:\n    build: {context: ., target: web}\n",
                "Dockerfile": """
                    FROM node:22-alpine AS web
                    COPY ↓--from=assets /dist /srv
                    COPY ↓--from=2 /dist /srv
                    COPY ↓--from=web /etc/hostname /srv
                    FROM node:22-alpine AS assets
                    RUN npm run build
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("earlier stages by name and index, and images", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM composer:2 AS vendor
                    RUN composer install
                    FROM php:8.3-fpm
                    COPY --from=vendor /app/vendor /var/www/vendor
                    COPY --from=0 /app/composer.lock /var/www/
                    COPY --from=composer /usr/bin/composer /usr/bin/composer
                    COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/
                    RUN --mount=type=bind,from=vendor,target=/vendor ls /vendor
                    """,
            ]),
            RuleExample("a name that comes from a build argument", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    ARG BASE=builder
                    FROM alpine:3.20 AS builder
                    FROM alpine:3.20
                    COPY --from=${BASE} /etc/os-release /
                    """,
            ]),
        ]
    )

    public var keywords: Set<String> { ["COPY", "RUN"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        let references = instruction.stageReferences
        guard !references.isEmpty,
              let current = dockerfile.stage(containing: instruction) else { return .notApplicable }
        let earlier = dockerfile.stages.prefix(current.index)
        return .judged(references.compactMap { name, flag in
            problem(with: name, current: current, earlier: Array(earlier), in: dockerfile).map {
                Violation("`--from=\(name)` \($0)", at: dockerfile.location(flag.range))
            }
        })
    }

    /// Why `name` does not name an earlier stage as the author meant; nil when it does, or names an image.
    private func problem(with name: String, current: Stage, earlier: [Stage], in dockerfile: Dockerfile) -> String? {
        guard !name.isEmpty, !name.contains("$") else { return nil }
        if let index = Int(name) {
            return index < current.index ? nil
                : "names stage \(index), which is not before this one (stage \(current.index)): BuildKit pulls an image called `\(name)`"
        }
        let lowered = name.lowercased()
        if earlier.contains(where: { $0.name == lowered }) { return nil }
        if current.name == lowered { return "names the stage it is in: a stage cannot copy from itself" }
        if let later = dockerfile.stages.first(where: { $0.name == lowered && $0.index >= current.index }) {
            let line = dockerfile.source.lineIndex(containing: later.from.range.start) + 1
            return "names the stage defined at line \(line), after this one: BuildKit only sees earlier stages and pulls an image called `\(name)`; move that stage up"
        }
        guard !name.contains(where: { ":/@.".contains($0) }),
              let close = earlier.compactMap(\.name).first(where: { min($0.count, lowered.count) >= 3 && Spelling.editDistance(lowered, $0) <= 1 })
        else { return nil }
        return "names no stage (did you mean `\(close)`?): BuildKit pulls an image called `\(name)`"
    }
}
