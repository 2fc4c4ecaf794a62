import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA219 (opt-in, `hardening`): a service keeps Docker's default capabilities.
public struct CapabilitiesNotDroppedRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA219", name: "capabilities-not-dropped", category: .security, severity: .low,
        subject: "service",
        standards: StandardReferences(cis: ["5.4"], owasp: ["D04"], cwe: [250]),
        summary: "A service keeps Docker's default capabilities: no `cap_drop: [ALL]` (opt-in, set `hardening`)",
        rationale: """
            Docker gives every container about fourteen capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, MKNOD, \
            ...) whether it needs them or not; a compromised process uses them to change file owners, forge \
            packets or switch users. `cap_drop: [ALL]` with `cap_add` for what the program needs is the CIS \
            benchmark's advice (5.4). Most services need none; images that start as root and switch to a user \
            need SETUID and SETGID, and those that fix file owners CHOWN. This rule fires on almost every service \
            of a typical project, so it runs only when selected: `--extend-select hardening` or \
            `extend-select: [hardening]` in `.compose-audit.yml`. A privileged service is CA202's.
            """,
        triggering: [
            RuleExample("default capabilities", files: ["compose.yaml": """
                services:
                  ↓api:
                    image: example/api:1.0
                    cap_drop: [NET_RAW]
                """]),
        ],
        nonTriggering: [
            RuleExample("everything dropped, the needed ones added back", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    cap_drop: [ALL]
                  proxy:
                    image: nginx:1.27
                    cap_drop:
                      - all
                    cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]
                """]),
        ],
        fixTitle: "Add `cap_drop: [ALL]`",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "A process that changes owners, switches user or binds a port below 1024 fails until `cap_add` gives the capability back", modelParts: ["services.*.cap_drop"]),
        corrections: [
            RuleCorrection("a new list and an existing one", before: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                  worker:
                    image: example/api:1.0
                    cap_drop: [NET_RAW]
                """], after: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    cap_drop:
                      - ALL
                  worker:
                    image: example/api:1.0
                    cap_drop: [NET_RAW, ALL]
                """]),
        ],
        optInSet: "hardening"
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard service.privileged?.value.lowercased() != "true" else { return .notApplicable }
        guard !service.capDrop.contains(where: { $0.value.uppercased() == "ALL" }) else { return .passes }
        let fix = ComposeEditing(project, service: service).flatMap { editing in
            editing.appendServiceItem(service, key: "cap_drop", item: "ALL").map {
                Fix("Drop every capability", applicability: .unsafe,
                    changes: [FileChange(path: editing.path, edits: [$0])])
            }
        }
        return .fails(Violation("Service `\(service.name)` keeps Docker's default capabilities; drop them with `cap_drop: [ALL]`",
                                at: service.location, fix: fix))
    }
}
