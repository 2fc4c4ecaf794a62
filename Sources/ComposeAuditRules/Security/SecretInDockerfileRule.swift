import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA212: a secret baked into an image by ENV or ARG.
public struct SecretInDockerfileRule: DockerfileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA212", name: "secret-in-dockerfile", category: .security, severity: .high,
        subject: "Dockerfile",
        standards: StandardReferences(cis: ["4.10"], owasp: ["D06"], cwe: [798]),
        summary: "A Dockerfile `ENV`/`ARG` named like a secret carries a literal value, or a secret `ARG` is used by `RUN` instead of `--mount=type=secret`",
        rationale: """
            `ENV` values are stored in the image config and `ARG` values in its history: `docker history` \
            and `docker inspect` print them for anyone who can pull the image. Pass build secrets with \
            `RUN --mount=type=secret,id=...` and runtime secrets through the environment or Compose secrets.
            """,
        triggering: [
            RuleExample("literal ENV and an ARG used by RUN", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM node:22-alpine
                    ↓ENV API_SECRET=s3cr3t-value
                    ↓ARG NPM_TOKEN
                    RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
                    USER node
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("a secret mount, and settings that only mention secrets", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM node:22-alpine
                    ARG NPM_TOKEN_FILE=/run/secrets/npm
                    ENV SESSION_SECRET_LENGTH=64
                    RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci
                    USER node
                    """,
            ]),
        ]
    )

    public func judge(_ dockerfile: Dockerfile, in project: Project) -> Verdict {
        let built = project.builtInstructions(of: dockerfile)
        let runText = built.filter { $0.keyword == "RUN" }.map(\.arguments)
        var violations: [Violation] = []
        for instruction in built {
            switch instruction.keyword {
            case "ENV":
                for (name, value) in KeyValueWords.pairs(instruction.arguments)
                where Secrets.isSecretName(name) && !value.isEmpty && !Secrets.isFlagValue(value) {
                    violations.append(Violation("`ENV \(name)` bakes a secret into the image of `\(dockerfile.path)`",
                                                at: dockerfile.location(instruction.range)))
                }
            case "ARG":
                for (name, value) in KeyValueWords.arguments(instruction.arguments) where Secrets.isSecretName(name) {
                    let literal = value.map { !$0.isEmpty && !$0.contains("$") } ?? false
                    let used = runText.contains { Project.mentions($0, host: "$" + name) || $0.contains("${\(name)") }
                    guard literal || used else { continue }
                    let why = literal ? "has a literal default" : "is used by RUN and stays in the image history"
                    violations.append(Violation("`ARG \(name)` \(why); pass it with `RUN --mount=type=secret`",
                                                at: dockerfile.location(instruction.range)))
                }
            default:
                break
            }
        }
        return .judged(violations)
    }
}
