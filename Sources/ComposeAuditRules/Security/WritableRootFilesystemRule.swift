import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA220 (opt-in, `hardening`): a service's root filesystem is writable.
public struct WritableRootFilesystemRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA220", name: "writable-root-filesystem", category: .security, severity: .low,
        subject: "service",
        standards: StandardReferences(cis: ["5.13"], owasp: ["D09"], cwe: [732]),
        summary: "A service's root filesystem is writable: no `read_only: true` (opt-in, set `hardening`)",
        rationale: """
            With a writable root filesystem, an attacker who gets code running in the container can replace its \
            programs, drop tools and persist until the container is recreated. `read_only: true` makes the image \
            immutable at run time; what the program must write goes to volumes and to `tmpfs` mounts such as `/tmp` \
            (CIS benchmark 5.12). Many images write somewhere at start-up (pid files, caches), so turning it on needs \
            a test run. This rule fires on almost every service, so it runs only when selected: \
            `--extend-select hardening` or `extend-select: [hardening]` in `.compose-audit.yml`.
            """,
        triggering: [
            RuleExample("a writable root filesystem", files: ["compose.yaml": """
                services:
                  ↓api:
                    image: example/api:1.0
                    read_only: false
                """]),
        ],
        nonTriggering: [
            RuleExample("read-only, with tmpfs for what it writes", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    read_only: true
                    tmpfs: [/tmp]
                """]),
        ],
        fixTitle: "Add `read_only: true`",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "Writes outside volumes and tmpfs mounts fail: give what the program writes a volume or a tmpfs", modelParts: ["services.*.read_only"]),
        corrections: [
            RuleCorrection("the key after the service's last one", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    tmpfs: [/tmp]
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    tmpfs: [/tmp]
                    read_only: true
                """]),
        ],
        optInSet: "hardening"
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.readOnly else { return .passes }
        let fix = ComposeEditing(project, service: service).flatMap { editing in
            editing.addServiceEntry(service, key: "read_only", value: .scalar("true")).map {
                Fix("Make the root filesystem read-only", applicability: .unsafe,
                    changes: [FileChange(path: editing.path, edits: [$0])])
            }
        }
        return .fails(Violation("Service `\(service.name)` can write to its root filesystem; set `read_only: true`",
                                at: service.location, fix: fix))
    }
}
