import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA403: a built service whose image cannot be versioned.
public struct BuildWithoutImageTagRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA403", name: "build-without-image-tag", category: .build, severity: .low,
        subject: "built service",
        summary: "A service that builds has no `image:`, or its tag is a literal rather than a variable such as `${VERSION:-latest}`",
        rationale: """
            Without `image:` Compose names the build `<project>-<service>` with the tag `latest`: every build \
            overwrites the previous one, nothing can be pushed under a version, and rolling back means \
            rebuilding old code. A tag taken from a variable (`myapp:${VERSION:-latest}`) lets CI build \
            and deploy exact versions. Services that only pull an image are not concerned.
            """,
        triggering: [
            RuleExample("no image name for a build", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ↓.
                    """,
            ]),
            RuleExample("a literal tag", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        image: ↓registry.example.com/app:1.0
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("tag from a variable; a service that only pulls", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        image: registry.example.com/app:${VERSION:-latest}
                      db:
                        image: postgres:16
                    """,
            ]),
        ],
        fixTitle: "Name the image with a versioned tag: `<project>-<service>:${VERSION:-latest}`",
        fixApplicability: .safe
    )

    public func check(_ project: Project) -> RuleOutcome {
        var subjects = 0
        var violations: [Violation] = []
        for service in project.services {
            guard let build = service.build else { continue }
            subjects += 1
            let subject = "service:\(service.name)"
            guard let image = service.image else {
                violations.append(Violation("Service `\(service.name)` builds an image but names no `image:` to version it",
                                            at: build.context.location, subject: subject))
                continue
            }
            let reference = ImageReference(image.raw)
            let tagIsVariable = reference.tag?.contains("$") ?? false
            let anyVariable = image.hasVariables
            guard !tagIsVariable && !anyVariable else { continue }
            let tag = reference.tag ?? "latest"
            violations.append(Violation("Service `\(service.name)` tags its build with the literal `\(tag)`; use a variable such as `${VERSION:-latest}`",
                                        at: image.location, subject: subject))
        }
        return RuleOutcome(subjectCount: subjects, violations: violations)
    }
}
