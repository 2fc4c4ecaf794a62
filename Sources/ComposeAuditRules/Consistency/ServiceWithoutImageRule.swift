import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA514: a service with nothing to run.
public struct ServiceWithoutImageRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA514", name: "service-without-image", category: .consistency, severity: .critical,
        subject: "service",
        summary: "A service has neither `image:` nor `build:` (nor a `provider:`) once all files are merged",
        rationale: """
            Compose needs an image to run or a context to build one, and refuses the project without either \
            (`service has neither an image nor a build context specified`). This is what an override file loaded \
            without its main file looks like (`docker compose -f compose.prod.yml` instead of `-f compose.yml \
            -f compose.prod.yml`), or an `image: ${IMAGE}` whose variable is not set (medium: it may be set where \
            the project runs; CA503 does not report that variable again). In a file with another name than \
            Compose's defaults loaded alone, a service with neither is information only, and the finding says \
            why. A service that extends a remote base, or that a provider plugin runs, needs neither.
            """,
        triggering: [
            RuleExample("an override loaded as the main file, and an image named by a variable nothing sets", files: ["compose.yaml": """
                services:
                  web:
                    image: ↓${WEB_IMAGE}
                  ↓worker:
                    command: ["celery", "worker"]
                """]),
        ],
        nonTriggering: [
            RuleExample("the override merged over its main file, a build, and a provider", files: [
                "compose.yaml": """
                    services:
                      worker:
                        image: example/worker:1.0
                      api:
                        build: .
                      database:
                        provider:
                          type: example-cloud-database
                    """,
                "compose.override.yaml": """
                    services:
                      worker:
                        command: ["celery", "worker"]
                    """,
                "Dockerfile": "FROM python:3.13-slim\n",
            ]),
            RuleExample("an image from a variable the author requires (CA515 says it is unset)", files: ["compose.yaml": """
                services:
                  web:
                    image: ${WEB_IMAGE:?set WEB_IMAGE to the image to deploy}
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        // A base Compose fetches (an `extends` from a remote file) is not read here. Only a failing service is
        // counted: every service passing a check that Compose makes anyway would only raise the score.
        // An empty service (`cpu:` and nothing else) is CA512's finding: one finding per cause.
        guard Self.lacksImage(service), !service.refusals.contains(where: \.isEmptyService) else { return .notApplicable }
        if let image = service.image {
            // `${ID:?ID must be set}`: the author requires the variable, and CA515 says it is unset (one finding a cause).
            guard !Self.requiresVariable(image.raw) else { return .notApplicable }
            return .fails(Violation(
                "Service `\(service.name)` has no `build:`, and `image: \(image.raw)` is empty here (an unset variable is empty): Compose refuses the project",
                at: image.location, severity: .medium))
        }
        let message = "Service `\(service.name)` has neither `image:` nor `build:`: Compose refuses the project"
        if project.isOtherFileLoadedAlone {
            return .fails(Violation(message + FragmentNote.text, at: service.location, severity: .info))
        }
        return .fails(Violation(message, at: service.location))
    }

    /// Nothing to run: no image (or one that interpolates to nothing), no build, no provider, no remote base.
    static func lacksImage(_ service: Service) -> Bool {
        (service.image?.value ?? "").isEmpty && service.build == nil && service.provider == nil && service.extends == nil
    }

    /// Whether a value names a required variable (`${VAR:?message}` or `${VAR?message}`).
    static func requiresVariable(_ raw: String) -> Bool {
        var rest = Substring(raw)
        while let start = rest.range(of: "${") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "}") else { return false }
            let body = rest[..<end]
            if let name = body.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }), body[name...].hasPrefix(":?") || body[name...].hasPrefix("?") {
                return true
            }
            rest = rest[end...]
        }
        return false
    }
}
