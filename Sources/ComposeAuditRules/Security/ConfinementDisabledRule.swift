import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA216: `security_opt` turns off seccomp, AppArmor, SELinux labelling or the masked system paths.
public struct ConfinementDisabledRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA216", name: "confinement-disabled", category: .security, severity: .high,
        subject: "service with security_opt",
        standards: StandardReferences(cis: ["5.2", "5.3", "5.22"], owasp: ["D04"], cwe: [693]),
        summary: "`security_opt` disables seccomp, AppArmor, SELinux labelling or the masked `/proc` and `/sys` paths",
        rationale: """
            Docker confines every container with a seccomp profile (dozens of dangerous system calls refused), an \
            AppArmor or SELinux policy, and masked, read-only parts of `/proc` and `/sys`. `seccomp:unconfined`, \
            `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove one of these layers, which is \
            what stops many kernel exploits and container escapes. When a program needs one more system call, give \
            it a seccomp profile of its own (`seccomp:./profile.json`) instead of none.
            """,
        triggering: [
            RuleExample("seccomp and AppArmor turned off", files: [
                "compose.yaml": """
                    services:
                      browser:
                        image: example/chrome:1.0
                        security_opt:
                          - no-new-privileges:true
                          - ↓seccomp:unconfined
                          - ↓apparmor=unconfined
                    """,
            ]),
            RuleExample("SELinux labels and the masked paths turned off", files: [
                "compose.yaml": """
                    services:
                      agent:
                        image: example/agent:1.0
                        security_opt: [↓"label:disable", ↓systempaths=unconfined]
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("a custom seccomp profile, an SELinux type and no-new-privileges", files: [
                "compose.yaml": """
                    services:
                      browser:
                        image: example/chrome:1.0
                        security_opt:
                          - seccomp:./chrome-seccomp.json
                          - label:type:container_runtime_t
                          - no-new-privileges:true
                    """,
            ]),
        ]
    )

    /// `seccomp:unconfined` and `seccomp=unconfined` alike, with the layer each one removes.
    static func disabledLayer(_ option: String) -> String? {
        let parts = option.split(separator: option.contains("=") ? "=" : ":", maxSplits: 1).map { $0.trimmingSpaces.lowercased() }
        guard parts.count == 2 else { return nil }
        switch (parts[0], parts[1]) {
        case ("seccomp", "unconfined"): return "the seccomp profile"
        case ("apparmor", "unconfined"): return "the AppArmor profile"
        case ("label", "disable"): return "SELinux labelling"
        case ("systempaths", "unconfined"): return "the masked `/proc` and `/sys` paths"
        default: return nil
        }
    }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.securityOpt.isEmpty else { return .notApplicable }
        // SELinux labelling is turned off so that the container can use the Docker socket it mounts (Ofelia,
        // Vector): the socket is the risk, CA203's finding; this one is said as information (one finding a cause).
        let mountsSocket = service.volumes.contains(where: DockerSocketMountedRule.mountsSocket)
        return .judged(service.securityOpt.compactMap { option in
            Self.disabledLayer(option.value).map { layer in
                if mountsSocket && option.value.lowercased().replacingOccurrences(of: ":", with: "=") == "label=disable" {
                    return Violation("Service `\(service.name)` runs without \(layer) (`\(option.value)`), as the Docker socket it mounts needs on SELinux hosts (CA203 reports the socket)",
                                     at: option.location, severity: .info)
                }
                return Violation("Service `\(service.name)` runs without \(layer) (`\(option.value)`)", at: option.location)
            }
        })
    }
}
