import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA403: a built service whose image cannot be versioned.
public struct BuildWithoutImageTagRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA403", name: "build-without-image-tag", category: .build, severity: .info,
        subject: "built service",
        standards: StandardReferences(owasp: ["D08"]),
        summary: "A service that builds has no `image:`, or tags its build `latest` (written or implied)",
        rationale: """
            Without `image:` Compose names the build `<project>-<service>` with the tag `latest`: every build \
            overwrites the previous one, nothing can be pushed under a version, and rolling back means \
            rebuilding old code. A tag taken from a variable (`myapp:${VERSION:-latest}`) lets CI build \
            and deploy exact versions. A literal version (`myapp:1.4.2`) is a choice the author made and is \
            respected. Services that only pull an image are not concerned.
            """,
        triggering: [
            RuleExample("no image name for a build", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: ↓.
                    """,
            ]),
            RuleExample("`latest`, written or implied", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        image: ↓registry.example.com/app:latest
                      worker:
                        build: .
                        image: ↓registry.example.com/worker
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("tag from a variable; a pinned literal version; a service that only pulls", files: [
                "compose.yaml": """
                    services:
                      app:
                        build: .
                        image: registry.example.com/app:${VERSION:-latest}
                      worker:
                        build: .
                        image: ghcr.io/acme/worker:1.4.2
                      db:
                        image: postgres:16
                    """,
            ]),
        ],
        fixTitle: "Name the image with a versioned tag: `<project>-<service>:${VERSION:-latest}`",
        fixSafety: .unsafe(.inventsValue, consequence: "A `VERSION` set in the environment now decides the tag built and pushed", modelParts: ["services.*.image"]),
        corrections: [
            RuleCorrection("a new image name, and `latest` kept as the default", before: ["compose.yaml": """
                name: shop
                services:
                  app:
                    build:
                      context: .
                    ports: ["8000:8000"]
                  worker:
                    build: .
                    image: registry.example.com/worker:latest
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
                    image: registry.example.com/worker:${VERSION:-latest}
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let build = service.build else { return .notApplicable }
        guard let image = service.image else {
            let name = "\(project.name)-\(ProjectLoader.normalizedProjectName(service.name)):${VERSION:-latest}"
            let fix = ComposeEditing(project, service: service).flatMap { editing in
                editing.addServiceEntry(service, key: "image", value: .scalar(name)).map {
                    Fix("Add `image: \(name)`", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])])
                }
            }
            return .fails(Violation("Service `\(service.name)` builds an image but names no `image:` to version it",
                                    at: build.context.location, fix: fix))
        }
        let reference = ImageReference(image.raw)
        let tagIsVariable = reference.tag?.contains("$") ?? false
        guard !tagIsVariable && !image.hasVariables else { return .passes }
        // A literal version is the author's choice; only `latest`, written or implied, is unversioned.
        guard reference.tag == nil || reference.tag == "latest", !image.raw.contains("@") else { return .passes }
        let tag = reference.tag ?? "latest"
        var fix: Fix?
        if let editing = ComposeEditing(project, service: service), let body = editing.mapping(of: service),
           let node = editing.tree.ownValue(body, forKey: "image"), editing.tree.kind(node) == .scalar,
           !image.raw.contains("@") {
            let repository = reference.tag.map { String(image.raw.dropLast($0.count + 1)) } ?? image.raw
            fix = Fix("Tag the image with `${VERSION:-\(tag)}`", applicability: .unsafe, changes: [
                FileChange(path: editing.path, edits: [editing.editor.replaceScalar(node, with: repository + ":${VERSION:-\(tag)}")]),
            ])
        }
        return .fails(Violation("Service `\(service.name)` tags its build `latest`: every build overwrites the last; take the tag from a variable such as `${VERSION:-latest}`",
                                at: image.location, fix: fix))
    }
}
