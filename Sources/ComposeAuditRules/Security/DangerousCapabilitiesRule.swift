import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA206: powerful capabilities added.
public struct DangerousCapabilitiesRule: ServiceRule {
    public init() {}

    static let dangerous: Set<String> = ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO",
                                         "SYS_BOOT", "BPF"]
    /// Capabilities that reach past the container without opening it: reported at medium.
    static let hostReaching: [String: String] = [
        "SYS_TIME": "sets the host's clock", "PERFMON": "watches the host's processes through performance events",
        "SYSLOG": "reads and clears the kernel log, with kernel addresses",
    ]

    public static let description = RuleDescription(
        id: "CA206", name: "dangerous-capabilities", category: .security, severity: .high,
        subject: "service",
        standards: StandardReferences(cis: ["5.4"], owasp: ["D04"], cwe: [250]),
        summary: "A service adds a capability that breaks isolation: ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, BPF or DAC_READ_SEARCH",
        rationale: """
            SYS_ADMIN is close to full root (mounts, namespaces, BPF); SYS_MODULE loads kernel modules; \
            SYS_PTRACE reads other processes' memory; DAC_READ_SEARCH reads any file by handle (the \
            "shocker" escape); NET_ADMIN reconfigures networking; SYS_RAWIO reaches devices and I/O ports \
            directly; SYS_BOOT reboots the host; BPF loads programs into the kernel; ALL is all of them. SYS_TIME \
            (the host's clock, which containers share), PERFMON and SYSLOG reach the host less far and are medium. Grant the narrowest \
            capability that works, or move the task out of the container. NET_ADMIN and SYS_PTRACE act on the \
            container's own network and processes: medium, unless it shares the host's (`network_mode: host`, \
            `pid: host`), and information for an image whose documentation asks for it (a VPN's or Pi-hole's \
            NET_ADMIN, Metricbeat's SYS_PTRACE), on the host's namespace only where the image asks for that too \
            (a host firewall such as fail2ban).
            """,
        triggering: [
            RuleExample("the host's clock (medium)", files: ["compose.yaml": """
                services:
                  ntp:
                    image: example/chrony:4.5
                    cap_add: [↓SYS_TIME]
                """]),
            RuleExample("SYS_ADMIN and CAP_NET_ADMIN", files: ["compose.yaml": """
                services:
                  vpn:
                    image: example/vpn:1.0
                    cap_add:
                      - ↓SYS_ADMIN
                      - ↓CAP_NET_ADMIN
                """]),
        ],
        nonTriggering: [
            RuleExample("a narrow capability", files: ["compose.yaml": """
                services:
                  web:
                    image: example/web:1.0
                    cap_add: [NET_BIND_SERVICE, SYS_NICE, IPC_LOCK]
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.capAdd.isEmpty else { return .passes }
        let family = project.runtimeImage(of: service).flatMap(ImageCatalogue.family(of:))
        return .judged(service.capAdd.compactMap { capability in
            var name = capability.value.uppercased()
            if name.hasPrefix("CAP_") { name.removeFirst(4) }
            if let reach = Self.hostReaching[name] {
                return Violation("Service `\(service.name)` adds the capability `\(capability.value)`, which \(reach)",
                                 at: capability.location, severity: .medium)
            }
            guard Self.dangerous.contains(name) else { return nil }
            // NET_ADMIN and SYS_PTRACE act on the container's own network and processes unless it shares the host's.
            if let (key, shared) = Self.namespaceBound(name, service) {
                // An image whose documentation asks for the capability (and, on the host's namespace, for that too).
                if let family, family.neededCapabilities.contains(name),
                   !shared || family.neededHostNamespaces.contains(key.hostNamespace) {
                    return Violation("Service `\(service.name)` adds the capability `\(capability.value)`, which its image (\(family.family)) needs to work, in \(shared ? "the host's" : "its own") \(key.rawValue) namespace",
                                     at: capability.location, severity: .info)
                }
                if !shared {
                    return Violation("Service `\(service.name)` adds the capability `\(capability.value)`, which reaches only its own \(key.rawValue) namespace (high with the host's)",
                                     at: capability.location, severity: .medium)
                }
            }
            return Violation("Service `\(service.name)` adds the capability `\(capability.value)`", at: capability.location)
        })
    }

    /// For a capability that acts on one namespace (NET_ADMIN the network, SYS_PTRACE the processes): which, and
    /// whether the service shares the host's (`network_mode: host`, `pid: host`).
    static func namespaceBound(_ name: String, _ service: Service) -> (BoundNamespace, Bool)? {
        switch name {
        case "NET_ADMIN": (.network, service.networkMode?.value == "host")
        case "SYS_PTRACE": (.process, service.pid?.value == "host")
        default: nil
        }
    }

    /// The namespace a capability acts on, as messages name it.
    enum BoundNamespace: String {
        case network, process

        /// Its name among the host namespaces an image asks to share (`ImageFamily.neededHostNamespaces`).
        var hostNamespace: String { self == .network ? "network" : "pid" }
    }
}
