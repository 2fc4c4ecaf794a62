import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA204: host network, PID, IPC, UTS or user namespace.
public struct HostNamespaceSharedRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA204", name: "host-namespace-shared", category: .security, severity: .high,
        subject: "service",
        standards: StandardReferences(cis: ["5.10", "5.16", "5.17", "5.21", "5.31"], owasp: ["D05"], cwe: [668]),
        summary: "A service shares a host namespace: `network_mode: host`, `pid: host`, `ipc: host`, `uts: host` or `userns_mode: host`",
        rationale: """
            Sharing the host's network namespace exposes every port the process opens on every host \
            interface and lets it reach services bound to localhost; the PID namespace lets it see and \
            signal host processes; IPC shares host shared memory; UTS lets it change the host's name; \
            `userns_mode: host` turns off user namespace remapping. Each removes a layer of isolation that Compose gives for free. \
            Where an image's documentation asks for one (Plex's and Home Assistant's network for discovery, \
            Playwright's IPC for Chromium, node-exporter's PID and network), the finding is information.
            """,
        triggering: [
            RuleExample("host network and PID namespace", files: ["compose.yaml": """
                services:
                  monitor:
                    image: example/monitor:1.0
                    network_mode: ↓host
                    pid: ↓"host"
                """]),
            RuleExample("the host's UTS namespace", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    uts: ↓host
                """]),
        ],
        nonTriggering: [
            RuleExample("a bridge network and another service's namespace", files: ["compose.yaml": """
                services:
                  app:
                    image: example/app:1.0
                    network_mode: bridge
                  sidecar:
                    image: example/sidecar:1.0
                    network_mode: "service:app"
                    pid: "service:app"
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let settings: [(String, ComposeText?)] = [("network_mode", service.networkMode), ("pid", service.pid),
                                                  ("ipc", service.ipc), ("uts", service.uts), ("userns_mode", service.usernsMode)]
        let family = project.runtimeImage(of: service).flatMap(ImageCatalogue.family(of:))
        return .judged(settings.compactMap { key, value in
            guard let value, value.value == "host" else { return nil }
            let namespace = key == "network_mode" ? "network" : key
            if let family, family.neededHostNamespaces.contains(namespace) {
                return Violation("Service `\(service.name)` shares the host's namespace (`\(key): host`), as its image (\(family.family)) documents",
                                 at: value.location, severity: .info)
            }
            return Violation("Service `\(service.name)` shares the host's namespace (`\(key): host`)", at: value.location)
        })
    }
}
