import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA201: an image the project builds runs its process as root.
public struct ContainerRunsAsRootRule: BuiltImageRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA201", name: "container-runs-as-root", category: .security, severity: .high,
        subject: "built image",
        standards: StandardReferences(cis: ["4.1"], owasp: ["D01"], cwe: [250]),
        summary: "The final stage of a Dockerfile runs as root and the service does not set a non-root `user:`",
        rationale: """
            A process running as root inside the container is root on the host's kernel: any escape, \
            mounted socket or writable host path turns an application bug into a host compromise. \
            Create an unprivileged user in the image and switch to it with `USER` before `CMD`, or run \
            the service with a non-root `user:`. Stages built `FROM` an earlier stage inherit its `USER`. A build \
            on a database image whose entrypoint runs the server as its own user (postgres, MySQL, Redis) passes; \
            a base image named by a variable nothing sets is an assumption, reported as information, and so is \
            an image whose every service starts as root only to run its work as another user (`gosu app`, \
            `su-exec`, `s6-setuidgid`, `runuser -u`, `chpst -u`, `setpriv --reuid=`: a cron daemon running its \
            jobs as the application's user).
            """,
        triggering: [
            RuleExample("no USER in the final stage", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": """
                    FROM python:3.12-slim AS build
                    RUN pip wheel -w /wheels .
                    ↓FROM python:3.12-slim
                    COPY --from=build /wheels /wheels
                    CMD ["python", "-m", "app"]
                    """,
            ]),
            RuleExample("the last USER is root", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                    """,
                "Dockerfile": """
                    FROM python:3.12-slim AS build
                    RUN pip wheel -w /wheels .
                    FROM python:3.12-slim
                    USER nobody
                    ↓USER root
                    CMD ["python", "-m", "app"]
                    """,
                ".dockerignore": ".git\n",
            ]),
            RuleExample("two services build two targets of one Dockerfile: each image is reported at its own stage", files: [
                "compose.yaml": """
                    services:
                      web:
                        build: {context: ., target: web}
                      worker:
                        build: {context: ., target: worker}
                    """,
                "Dockerfile": """
                    ↓FROM python:3.12-slim AS web
                    CMD ["gunicorn", "app:app"]
                    ↓FROM python:3.12-slim AS worker
                    CMD ["celery", "-A", "app", "worker"]
                    """,
            ]),
            RuleExample("the service overrides the image's user with root", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        user: ↓"0:0"
                    """,
                "Dockerfile": """
                    FROM node:22-alpine
                    USER node
                    CMD ["node", "server.js"]
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("a database image whose entrypoint runs the server as its own user (postgres, ClickHouse)", files: [
                "compose.yaml": "services:\n  db:\n    build: .\n",
                "Dockerfile": "FROM postgres:16.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n",
                "init.sql": "CREATE TABLE t (id int);\n",
            ]),
            RuleExample("the same, its base image named by the compose file's build argument", files: [
                "compose.yaml": "services:\n  clickhouse:\n    build:\n      context: .\n      args:\n        BASE_IMAGE: altinity/clickhouse-server:23.8.11\n",
                "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n",
            ]),
            RuleExample("a base image that already runs as an unprivileged user (Elastic's as uid 1000, Grafana's as 472)", files: [
                "compose.yaml": """
                    services:
                      search:
                        build: elasticsearch
                      dashboards:
                        build: grafana
                      load:
                        build: k6
                    """,
                "elasticsearch/Dockerfile": """
                    ARG ELASTIC_VERSION=8.15.0
                    FROM docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_VERSION}
                    RUN elasticsearch-plugin install analysis-icu
                    """,
                "grafana/Dockerfile": """
                    FROM grafana/grafana-oss:11.2.0
                    COPY dashboards /etc/grafana/provisioning/dashboards
                    """,
                "k6/Dockerfile": "FROM grafana/k6:0.54.0\nCOPY script.js /scripts/\n",
            ]),
            RuleExample("USER set in the final stage, or inherited from the stage it builds on", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                      worker:
                        build:
                          context: .
                          dockerfile: Dockerfile.worker
                    """,
                "Dockerfile": """
                    FROM node:22-alpine
                    RUN npm ci
                    USER node
                    CMD ["node", "server.js"]
                    """,
                "Dockerfile.worker": """
                    FROM python:3.12-slim AS base
                    RUN useradd -r app
                    USER app
                    FROM base
                    CMD ["python", "worker.py"]
                    """,
            ]),
            RuleExample("a non-root user: in compose, and a distroless nonroot base", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ./app
                        user: "1000:1000"
                      api:
                        build: ./api
                    """,
                "app/Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
                "api/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /api\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /api /api\nENTRYPOINT [\"/api\"]\n",
            ]),
        ],
        fixTitle: "Create an unprivileged user and switch to it before CMD",
        fixSafety: .unsafe(.changesImageContents, .changesHowContainersRun, consequence: "The image gets a new user and runs as it: writes to folders that user does not own, and ports below 1024, now fail"),
        corrections: [
            RuleCorrection("Debian base: user created after FROM, files copied with --chown, /root paths moved, USER before CMD", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM python:3.11-slim AS builder
                    RUN pip install --user -r requirements.txt
                    FROM python:3.11-slim
                    WORKDIR /app
                    COPY --from=builder /root/.local /root/.local
                    ENV PATH=/root/.local/bin:$PATH
                    COPY . .
                    RUN mkdir -p /var/log/app
                    EXPOSE 8000
                    CMD ["uvicorn", "app.main:app"]
                    """,
            ], after: ["Dockerfile": """
                FROM python:3.11-slim AS builder
                RUN pip install --user -r requirements.txt
                FROM python:3.11-slim
                RUN groupadd --system app && useradd --system --gid app --create-home app
                WORKDIR /app
                COPY --chown=app:app --from=builder /root/.local /home/app/.local
                ENV PATH=/home/app/.local/bin:$PATH
                COPY --chown=app:app . .
                RUN mkdir -p /var/log/app
                EXPOSE 8000
                RUN chown -R app:app /var/log/app
                USER app
                CMD ["uvicorn", "app.main:app"]
                """]),
            RuleCorrection("Alpine base, no CMD", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": "FROM alpine:3.20\nCOPY app /usr/local/bin/app\n",
            ], after: ["Dockerfile": "FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app -h /home/app app\nCOPY --chown=app:app app /usr/local/bin/app\nUSER app\n"]),
        ],
        lowersInDevelopmentStacks: true
    )

    public func judge(_ image: BuiltImage, in project: Project) -> Verdict {
        let (dockerfile, stage) = (image.dockerfile, image.stage)
        guard !ImageReference(dockerfile.rootImage(of: stage)).isWindows else { return .notApplicable }
        var violations: [Violation] = []
        var imageUsers: [Service] = []
        for service in image.services {
            guard let user = service.user else {
                imageUsers.append(service)
                continue
            }
            if UserIdentity.isRoot(user.value) {
                violations.append(Violation("Service `\(service.name)` runs as root: `user: \(user.raw)`", at: user.location))
            }
        }
        guard !imageUsers.isEmpty, let (instruction, why, assumed) = rootInstruction(of: stage, in: dockerfile, services: image.services) else {
            return .judged(violations)
        }
        let names = imageUsers.map { "`\($0.name)`" }.joined(separator: ", ")
        // Every service of the image starts as root only to run its work as another user (a cron daemon running its
        // jobs through gosu): root is the mechanism, not the workload, and a `USER` would stop the switch (no fix).
        let drops = imageUsers.map { project.privilegeDrop(of: $0) }
        if let first = drops.first ?? nil, drops.allSatisfy({ $0 != nil }) {
            violations.append(Violation("Image built from `\(dockerfile.path)` starts as root (\(why)) to run its work as `\(first.user)` through `\(first.tool)`; used by \(names)",
                                        at: dockerfile.location(instruction.range), severity: .info))
            return .judged(violations)
        }
        let fix = NonRootUserFix(dockerfile: dockerfile, stage: stage).edits().map {
            Fix("Run as an unprivileged user", applicability: .unsafe, changes: [FileChange(path: dockerfile.path, edits: $0)])
        }
        violations.append(Violation("Image built from `\(dockerfile.path)` runs as root (\(why)); used by \(names)",
                                    at: dockerfile.location(instruction.range), severity: assumed ? .info : nil, fix: fix))
        return .judged(violations)
    }

    /// The image the stage starts from; a `FROM ${NAME}` whose `ARG` has no default takes the value the compose
    /// file's `build.args` gives it (sentry's `BASE_IMAGE: altinity/clickhouse-server:...`).
    static func baseImage(of stage: Stage, in dockerfile: Dockerfile, services: [Service]) -> String {
        let base = dockerfile.rootImage(of: stage)
        guard base.isEmpty, let written = writtenVariable(of: stage) else { return base }
        let name = String(written.filter { $0 != "$" && $0 != "{" && $0 != "}" })
        return services.lazy.compactMap { $0.build?.args.first { $0.name == name }?.value?.value }.first ?? base
    }

    /// The variable a stage's `FROM` names its image with (`${BASE_IMAGE}`), as written.
    static func writtenVariable(of stage: Stage) -> String? { stage.from.words.first { $0.hasPrefix("$") } }

    /// The instruction that leaves the stage running as root (its last `USER`, else its `FROM` when the base
    /// image is not known to run unprivileged) and why; nil when it runs unprivileged.
    /// `assumed`: the base image is a variable nothing here sets, so whether it sets a user is not known (information).
    private func rootInstruction(of stage: Stage, in dockerfile: Dockerfile, services: [Service]) -> (Instruction, String, assumed: Bool)? {
        if let last = dockerfile.inheritedInstructions(of: stage).last(where: { $0.keyword == "USER" }) {
            return UserIdentity.isRoot(last.expandedWords.first ?? last.words.first ?? "") ? (last, "its last USER is root", false) : nil
        }
        let base = Self.baseImage(of: stage, in: dockerfile, services: services)
        if base.isEmpty, let written = Self.writtenVariable(of: stage) {
            return (stage.from, "its final stage sets no USER; assumed: its base image `\(written)` is not set here, and may set one", true)
        }
        // A database image's entrypoint runs the server as its own user: a build on it keeps that unless it changes
        // the entrypoint.
        let entrypointKept = !dockerfile.inheritedInstructions(of: stage).contains { $0.keyword == "ENTRYPOINT" }
        if entrypointKept, ImageCatalogue.family(of: base)?.dropsPrivileges == true { return nil }
        return UserIdentity.imageRunsAsNonRoot(base) ? nil : (stage.from, "its final stage sets no USER", false)
    }
}
