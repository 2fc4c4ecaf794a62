import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA202: `privileged: true`.
public struct PrivilegedContainerRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA202", name: "privileged-container", category: .security, severity: .critical,
        subject: "service",
        standards: StandardReferences(cis: ["5.5"], owasp: ["D04"], cwe: [250]),
        summary: "A service runs with `privileged: true`",
        rationale: """
            A privileged container gets every capability, every device of the host and no seccomp or \
            AppArmor confinement: root in it is root on the host. Grant the one capability or device \
            the service needs (`cap_add`, `devices`) instead.
            """,
        triggering: [
            RuleExample("privileged", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    privileged: ↓true
                """]),
        ],
        nonTriggering: [
            RuleExample("explicitly not privileged, or unset", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    privileged: false
                  web:
                    image: nginx:1.27
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let flag = service.privileged, flag.value.lowercased() == "true" else { return .passes }
        return .fails(Violation("Service `\(service.name)` runs privileged: root in it is root on the host", at: flag.location))
    }
}
