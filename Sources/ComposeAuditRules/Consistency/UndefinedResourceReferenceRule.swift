import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA511: a service names a network, secret or config that the top level does not define.
public struct UndefinedResourceReferenceRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA511", name: "undefined-resource-reference", category: .consistency, severity: .high,
        subject: "network, secret or config a service names",
        summary: "A service names a network, secret or config that the top-level `networks:`, `secrets:` or `configs:` does not define",
        rationale: """
            Docker Compose refuses the whole project ("service refers to undefined network"): nothing starts. \
            The cause is usually a rename or a definition that lives in another file than the one loaded (an \
            override or an `include` the command line leaves out). `default` is the network Compose creates \
            for every project and needs no definition.
            """,
        triggering: [
            RuleExample("a network, a secret and a config nobody defines", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    networks: [↓backend]
                    secrets:
                      - ↓api_token
                    configs:
                      - source: ↓api_config
                        target: /etc/api.conf
                """]),
        ],
        nonTriggering: [
            RuleExample("defined at the top level (one in an override file), and the default network", files: [
                "compose.yaml": """
                    services:
                      api:
                        image: example/api:1.0
                        networks: [default, backend]
                        secrets: [api_token]
                    networks:
                      backend: {}
                    """,
                "compose.override.yaml": """
                    secrets:
                      api_token:
                        file: ./secrets/api_token.txt
                    """,
            ]),
        ],
        fixTitle: "Declare the network under top-level `networks:` (secrets and configs need a source, which only you know)",
        fixSafety: .safe("The network is declared with Compose's defaults (bridge driver, named `<project>_<name>`); the project loads again", modelParts: ["networks"]),
        corrections: [
            RuleCorrection("the network is declared", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    networks: [backend]
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    networks: [backend]

                networks:
                  backend:
                """]),
        ]
    )

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.resourceReferences.map { reference in
            let subject = Subject.item(kind: reference.kind.rawValue, key: "\(service.name):\(reference.name)")
            guard !Self.isDefined(reference, in: project.model) else { return PartVerdict(subject, .passes) }
            var fix: Fix?
            if reference.kind == .network {
                fix = ComposeEditing(project, service: service).flatMap { editing in
                    editing.declareTopLevel(section: "networks", name: reference.name).map {
                        Fix("Declare network `\(reference.name)`", applicability: .safe, changes: [FileChange(path: editing.path, edits: [$0])])
                    }
                }
            }
            let message = "Service `\(service.name)` uses \(reference.kind.rawValue) `\(reference.name)`, which top-level `\(reference.kind.section):` does not define: Compose refuses the project"
            if Self.isFragment(project, missing: reference.kind) {
                return PartVerdict(subject, .fails(Violation(message + FragmentNote.text, at: reference.location, severity: .info)))
            }
            return PartVerdict(subject, .fails(Violation(message, at: reference.location, fix: fix)))
        }
    }

    /// A fragment meant to be added with `-f` to a main file that defines the resource
    /// (`extensions/filebeat/filebeat-compose.yml`): reported for information only.
    static func isFragment(_ project: Project, missing kind: ResourceReference.Kind) -> Bool {
        let definesAny = switch kind {
        case .network: !project.model.networks.isEmpty
        case .secret: !project.model.secrets.isEmpty
        case .config: !project.model.configs.isEmpty
        }
        return FragmentNote.isFragment(project, definesAnyOfKind: definesAny)
    }

    static func isDefined(_ reference: ResourceReference, in model: ComposeModel) -> Bool {
        switch reference.kind {
        case .network: reference.name == "default" || model.networks.contains { $0.name == reference.name }
        case .secret: model.secrets.contains { $0.name == reference.name }
        case .config: model.configs.contains { $0.name == reference.name }
        }
    }
}
