import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA205: no `no-new-privileges`.
public struct NoNewPrivilegesMissingRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA205", name: "no-new-privileges-missing", category: .security, severity: .low,
        subject: "service",
        standards: StandardReferences(cis: ["5.26"], owasp: ["D04"], cwe: [269]),
        summary: "A service does not set `security_opt: [no-new-privileges:true]`",
        rationale: """
            `no-new-privileges` stops a process from gaining privileges through setuid or setcap \
            binaries (`su`, `sudo`, a planted setuid shell), which is how a compromised unprivileged \
            process usually becomes root inside the container. It costs nothing for almost every service.
            """ + Project.runByHandRationale,
        triggering: [
            RuleExample("no security_opt", files: ["compose.yaml": """
                services:
                  ↓web:
                    image: nginx:1.27
                    restart: unless-stopped
                """]),
        ],
        nonTriggering: [
            RuleExample("both spellings", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                  api:
                    image: example/api:1.0
                    security_opt: ["no-new-privileges=true", "apparmor=docker-default"]
                """]),
        ],
        fixTitle: "Add `security_opt: [no-new-privileges:true]`",
        fixSafety: .unsafe(.changesHowContainersRun, consequence: "Programs can no longer gain privileges through setuid or file capabilities (sudo, su, ping in some images)", modelParts: ["services.*.security_opt"]),
        corrections: [
            RuleCorrection("a new key, and an existing list in flow style", before: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                  api:
                    image: example/api:1.0
                    security_opt: [apparmor=docker-default]
                """], after: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                  api:
                    image: example/api:1.0
                    security_opt: [apparmor=docker-default, no-new-privileges:true]
                """]),
        ],
        isHabit: true
    )

    static func isSet(_ option: String) -> Bool {
        let normalized = option.lowercased().replacingAll("=", with: ":")
        return normalized == "no-new-privileges" || normalized == "no-new-privileges:true"
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !project.leavesHabitsAlone(service) else { return .notApplicable }
        guard !service.securityOpt.contains(where: { Self.isSet($0.value) }) else { return .passes }
        let fix = ComposeEditing(project, service: service).flatMap { editing in
            editing.appendServiceItem(service, key: "security_opt", item: "no-new-privileges:true").map {
                Fix("Add `no-new-privileges:true`", applicability: .unsafe, changes: [FileChange(path: editing.path, edits: [$0])])
            }
        }
        return .fails(Violation("Service `\(service.name)` does not set `no-new-privileges`" + project.longRunningHabitNote, at: service.location,
                                severity: project.longRunningHabitSeverity, fix: fix))
    }
}
