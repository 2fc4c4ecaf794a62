import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA221 (opt-in, `hardening`): a host device passed into a container.
public struct HostDevicePassedRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA221", name: "host-device-passed", category: .security, severity: .low,
        subject: "service with devices",
        standards: StandardReferences(cis: ["5.18"], owasp: ["D04"], cwe: [668]),
        summary: "A service gets a host device (`devices:`) (opt-in, set `hardening`)",
        rationale: """
            A device in `devices:` is the host's own hardware or kernel interface inside the container, with read, \
            write and mknod access unless the entry narrows it (`/dev/ttyUSB0:/dev/ttyUSB0:r`); a compromised \
            process can read or drive it, and a block device such as `/dev/sda` is the host's disk. Pass only the \
            devices the service needs, read-only where it can. Media servers (GPU under `/dev/dri`) and home \
            automation (USB radios) need theirs, so the rule runs only when selected: `--extend-select hardening`, \
            `--select cis`, or its id; suppress it with the reason where the device is needed.
            """,
        triggering: [
            RuleExample("a USB radio and the host's disk", files: ["compose.yaml": """
                services:
                  homeassistant:
                    image: ghcr.io/home-assistant/home-assistant:2024.6
                    devices:
                      - ↓/dev/ttyUSB0:/dev/ttyUSB0
                      - ↓/dev/sda
                """]),
        ],
        nonTriggering: [
            RuleExample("no devices", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                """]),
        ],
        optInSet: "hardening"
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.devices.isEmpty else { return .notApplicable }
        return .judged(service.devices.map { device in
            let host = device.value.split(separator: ":").first.map(String.init) ?? device.value
            return Violation("Service `\(service.name)` gets the host device `\(host)`", at: device.location)
        })
    }
}
