import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA403: a built service whose image cannot be versioned.
public struct BuildWithoutImageTagRule: ServiceRule {
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
        fixApplicability: .safe,
        corrections: [
            RuleCorrection("a new image name, and a literal tag kept as the default", before: ["compose.yaml": """
                name: shop
                services:
                  app:
                    build:
                      context: .
                    ports: ["8000:8000"]
                  worker:
                    build: .
                    image: registry.example.com/worker:1.4
                """], after: ["compose.yaml": """
                name: shop
                services:
                  app:
                    build:
                      context: .
                    ports: ["8000:8000"]
                    image: shop-app:${VERSION:-latest}
                  worker:
                    build: .
                    image: registry.example.com/worker:${VERSION:-1.4}
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let build = service.build else { return .notApplicable }
        guard let image = service.image else {
            let name = "\(project.name)-\(ProjectLoader.normalizedProjectName(service.name)):${VERSION:-latest}"
            let fix = ComposeEditing(project, service: service).flatMap { editing in
                editing.addServiceEntry(service, key: "image", value: .scalar(name)).map {
                    Fix("Add `image: \(name)`", applicability: .safe, changes: [FileChange(path: editing.path, edits: [$0])])
                }
            }
            return .fails(Violation("Service `\(service.name)` builds an image but names no `image:` to version it",
                                    at: build.context.location, fix: fix))
        }
        let reference = ImageReference(image.raw)
        let tagIsVariable = reference.tag?.contains("$") ?? false
        guard !tagIsVariable && !image.hasVariables else { return .passes }
        let tag = reference.tag ?? "latest"
        var fix: Fix?
        if let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
           let node = editing.tree.ownValue(body, forKey: "image"), editing.tree.kind(node) == .scalar,
           !image.raw.contains("@") {
            let repository = reference.tag.map { String(image.raw.dropLast($0.count + 1)) } ?? image.raw
            fix = Fix("Tag the image with `${VERSION:-\(tag)}`", applicability: .safe, changes: [
                FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: repository + ":${VERSION:-\(tag)}")]),
            ])
        }
        return .fails(Violation("Service `\(service.name)` tags its build with the literal `\(tag)`; use a variable such as `${VERSION:-latest}`",
                                at: image.location, fix: fix))
    }
}
