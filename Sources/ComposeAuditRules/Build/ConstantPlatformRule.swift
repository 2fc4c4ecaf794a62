import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA425: `FROM --platform=` with a constant value.
public struct ConstantPlatformRule: StageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA425", name: "constant-platform", category: .build, severity: .low,
        subject: "stage",
        summary: "`FROM --platform=linux/amd64` fixes the platform, so the image cannot be built for another one",
        rationale: """
            A constant `--platform` makes every build of the stage use that platform: on an ARM machine (Apple \
            silicon, Graviton) the image runs under emulation, and `platforms:` in the compose file cannot produce \
            a native image. Use the build's own variables instead: `--platform=$BUILDPLATFORM` for a stage that \
            cross-compiles, `$TARGETPLATFORM` (the default) for what ships. When the base image exists for one \
            platform only, say so with a suppression comment.
            """,
        triggering: [
            RuleExample("a constant platform", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM ↓--platform=linux/amd64 node:20-slim\nCMD [\"node\", \"server.js\"]\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("the build's platform variables", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM --platform=$BUILDPLATFORM golang:1.23 AS build
                    ARG TARGETOS TARGETARCH
                    RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
                    FROM --platform=${TARGETPLATFORM} gcr.io/distroless/static
                    COPY --from=build /app /app
                    """,
            ]),
        ]
    )

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        guard let flag = stage.from.flag("platform"), let value = flag.value else { return .notApplicable }
        guard !value.contains("$") else { return .passes }
        return .fails(Violation("Stage `\(stage.name ?? stage.baseImage)` is always built for `\(value)`; "
                                + "use `$BUILDPLATFORM` or `$TARGETPLATFORM`", at: dockerfile.location(flag.range)))
    }
}
