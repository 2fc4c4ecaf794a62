import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA222: a bind mount whose propagation is `shared` or `rshared`.
public struct SharedMountPropagationRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA222", name: "shared-mount-propagation", category: .security, severity: .medium,
        subject: "service with a propagation setting",
        standards: StandardReferences(cis: ["5.20"], owasp: ["D05"], cwe: [668]),
        summary: "A bind mount propagates mounts both ways (`shared` or `rshared`)",
        rationale: """
            With `shared` or `rshared` propagation, a mount the container makes below the bind mount appears on \
            the host, and the host's new mounts appear in the container: the container can change what the host \
            sees. Storage drivers and a few node agents need it; everything else should keep Docker's default \
            (`rprivate`), or use `slave`/`rslave` to see the host's mounts without sending its own back.
            """,
        triggering: [
            RuleExample("rshared in the short syntax and shared in the long one", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    volumes:
                      - ↓/mnt/data:/data:rshared
                      - ↓type: bind
                        source: /srv/media
                        target: /media
                        bind:
                          propagation: shared
                """]),
        ],
        nonTriggering: [
            RuleExample("the default, and rslave to see the host's mounts", files: ["compose.yaml": """
                services:
                  agent:
                    image: example/agent:1.0
                    volumes:
                      - /mnt/data:/data:ro
                      - /mnt/usb:/usb:rslave
                      - type: bind
                        source: /srv/media
                        target: /media
                        bind:
                          propagation: rprivate
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        let written = service.volumes.filter { $0.propagation != nil }
        guard !written.isEmpty else { return .notApplicable }
        return .judged(written.compactMap { mount in
            guard let mode = mount.propagation, mode == "shared" || mode == "rshared" else { return nil }
            return Violation("Service `\(service.name)` mounts `\(mount.target)` with `\(mode)` propagation: its mounts reach the host",
                             at: mount.location)
        })
    }
}
