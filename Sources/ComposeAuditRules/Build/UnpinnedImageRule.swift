import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA404: an image without a version.
public struct UnpinnedImageRule: ServiceRule, StageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA404", name: "unpinned-image", category: .build, severity: .medium,
        subject: "pulled image",
        standards: StandardReferences(cis: ["4.2"], owasp: ["D02", "D08"], cwe: [1357]),
        summary: "`image:` or `FROM` has no tag or uses `latest` (digests and variable tags count as pinned)",
        rationale: """
            `latest` is whatever was pushed last: two machines pulling on different days run different \
            software, a database image jumps a major version and refuses its data directory, and nothing \
            records what was running when it broke. Pin a version tag (and a digest for strict \
            reproducibility). `scratch` and earlier stage names are not images.
            """,
        triggering: [
            RuleExample("compose image without tag, FROM latest", files: [
                "compose.yaml": """
                    services:
                      cache:
                        image: ↓redis
                      app:
                        build: .
                    """,
                "Dockerfile": "↓FROM node:latest AS build\nFROM build\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("tags, digests, variables, stages and scratch", files: [
                "compose.yaml": """
                    services:
                      cache:
                        image: redis:7.4
                      db:
                        image: postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5
                      app:
                        build: .
                        image: example/app
                      proxy:
                        image: traefik:${TRAEFIK_VERSION:-v3.1}
                    """,
                "Dockerfile": "ARG BASE=python:3.12-slim\nFROM $BASE AS build\nFROM build\nFROM scratch\nCOPY --from=build /app /app\n",
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    /// A digest, a tag other than `latest`, or a reference taken from a variable (the user pins it there).
    static func isPinned(_ raw: String) -> Bool {
        if raw.contains("$") { return true }
        let reference = ImageReference(raw)
        if reference.digest != nil { return true }
        guard let tag = reference.tag, !tag.isEmpty else { return false }
        return tag != "latest"
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard service.build == nil, let image = service.image else { return .notApplicable }
        guard !Self.isPinned(image.raw) else { return .passes }
        let what = ImageReference(image.raw).tag == nil ? "has no tag" : "uses `latest`"
        return .fails(Violation("Service `\(service.name)` image `\(image.raw)` \(what)", at: image.location))
    }

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        let base = ShellWords.split(stage.from.arguments).first { !$0.hasPrefix("--") } ?? ""
        if base.lowercased() == "scratch" { return .notApplicable }
        if let earlier = dockerfile.stage(named: base), earlier.index < stage.index { return .notApplicable }
        guard !Self.isPinned(base) else { return .passes }
        let what = ImageReference(base).tag == nil ? "has no tag" : "uses `latest`"
        return .fails(Violation("`FROM \(base)` in `\(dockerfile.path)` \(what)", at: dockerfile.location(stage.from.range)))
    }
}
