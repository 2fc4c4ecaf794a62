import ComposeAuditCore

/// A place where one service names another: Compose starts the named service first, and refuses the project when
/// it does not exist ("depends on undefined service").
public struct ServiceReference: Sendable, Hashable {
    /// The key that names it: `depends_on`, `links`, `volumes_from`, `network_mode`, `ipc` or `pid`.
    public var key: String
    public var service: String
    public var location: SourceLocation
}

extension Service {
    /// Every service this one names, `depends_on` first. Besides `depends_on`, Compose makes a service depend on
    /// those it links to (`links: [db:alias]`), takes volumes from (`volumes_from: [db:ro]`; `container:x` names
    /// a container, not a service) and shares a namespace with (`network_mode`, `ipc`, `pid`: `service:x`).
    public var serviceReferences: [ServiceReference] {
        var result = dependsOn.map { ServiceReference(key: "depends_on", service: $0.service, location: $0.location) }
        for link in links {
            result.append(ServiceReference(key: "links", service: Self.nameBeforeColon(link.value), location: link.location))
        }
        for source in volumesFrom where !source.value.hasPrefix("container:") {
            result.append(ServiceReference(key: "volumes_from", service: Self.nameBeforeColon(source.value), location: source.location))
        }
        for (key, mode) in [("network_mode", networkMode), ("ipc", ipc), ("pid", pid)] {
            if let mode, mode.value.hasPrefix("service:") {
                result.append(ServiceReference(key: key, service: String(mode.value.dropFirst("service:".count)), location: mode.location))
            }
        }
        return result
    }

    /// The services Compose adds to `depends_on` (condition `service_started`) because another key names them.
    public var implicitDependencies: [ServiceReference] {
        var seen = Set(dependsOn.map(\.service))
        return serviceReferences.filter { $0.key != "depends_on" && seen.insert($0.service).inserted }
    }

    private static func nameBeforeColon(_ value: String) -> String {
        String(value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
