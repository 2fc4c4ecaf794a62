import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA414: an image from a registry the configuration does not trust.
public struct UntrustedRegistryRule: ServiceRule, StageRule, ConfigurableRule {
    /// `rules: {CA414: {registries: [...]}}`: registries, or registry/namespace prefixes, images may come from.
    public struct Options: RuleOptions {
        public var registries: [String] = []

        public init() {}

        public init(_ value: YAMLNode, in tree: YAMLTree) throws(InputError) {
            registries = try RuleOptionsReader(value, in: tree, keys: ["registries"]).strings("registries") ?? []
        }
    }

    public var options = Options()

    public init() {}

    public static let description = RuleDescription(
        id: "CA414", name: "untrusted-registry", category: .build, severity: .medium,
        subject: "pulled image",
        standards: StandardReferences(cis: ["4.2"], owasp: ["D08"], cwe: [829]),
        summary: "An image (compose `image:` or Dockerfile `FROM`) comes from a registry that the rule's `registries` option does not list",
        rationale: """
            Teams that mirror or vet images want every pull to go through their registries: an image from \
            anywhere else bypasses scanning and can disappear or change. The rule is silent until its \
            `registries` option is set; entries are prefixes (`ghcr.io/acme`, `docker.io/library`).
            """,
        triggering: [
            RuleExample("an image from Docker Hub when only the company registry is trusted", files: [
                "compose.yaml": """
                    services:
                      web:
                        image: ↓nginx:1.27
                      api:
                        image: registry.acme.dev/api:2.1
                    """,
                ".compose-audit.yml": "rules:\n  CA414:\n    registries: [registry.acme.dev]\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("official images trusted, and no configuration at all", files: [
                "compose.yaml": """
                    services:
                      web:
                        image: nginx:1.27
                      api:
                        image: registry.acme.dev/api:2.1
                    """,
                ".compose-audit.yml": "rules:\n  untrusted-registry: {registries: [registry.acme.dev, docker.io/library]}\n",
            ]),
        ],
        options: optionsDescription(example: "registries: [ghcr.io/acme, docker.io/library]")
    )

    /// `nginx` is `docker.io/library/nginx`; `acme/app` is `docker.io/acme/app`.
    static func fullName(_ image: String) -> String {
        let reference = ImageReference(image)
        let repository = reference.repository.contains("/") ? reference.repository : "library/" + reference.repository
        return (reference.registry ?? "docker.io") + "/" + repository
    }

    static func isTrusted(_ image: String, _ trusted: [String]) -> Bool {
        let name = fullName(image)
        return trusted.contains { prefix in name == prefix || name.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/") }
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let trusted = options.registries
        guard !trusted.isEmpty, service.build == nil, let image = service.image, !image.value.isEmpty else { return .notApplicable }
        guard !Self.isTrusted(image.value, trusted) else { return .passes }
        return .fails(Violation("Service `\(service.name)` pulls `\(image.value)` from `\(Self.fullName(image.value))`, which is not a trusted registry",
                                at: image.location))
    }

    public func judge(_ stage: Stage, of dockerfile: Dockerfile, in project: Project) -> Verdict {
        let trusted = options.registries
        let base = stage.baseImage
        guard !trusted.isEmpty, base.lowercased() != "scratch", !base.contains("$") else { return .notApplicable }
        if let earlier = dockerfile.stage(named: base), earlier.index < stage.index { return .notApplicable }
        guard !Self.isTrusted(base, trusted) else { return .passes }
        return .fails(Violation("`FROM \(base)` in `\(dockerfile.path)` is not from a trusted registry", at: dockerfile.location(stage.from.range)))
    }
}
