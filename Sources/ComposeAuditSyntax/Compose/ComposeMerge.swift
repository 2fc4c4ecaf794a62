/// Compose's rules for layering files (`compose.yaml` then `compose.override.yaml`, or `-f a -f b`):
/// scalars override, mappings merge by key, ports append, volumes and env files merge by target/path; a
/// service tagged `!reset` is removed and one tagged `!override` replaces the base's.
extension ComposeModel {
    public func merged(with override: ComposeModel) -> ComposeModel {
        var result = self
        if let name = override.name { result.name = name }
        if let version = override.versionKey { result.versionKey = version }
        result.services.removeAll { override.resetServices.contains($0.name) }
        for service in override.services {
            if let index = result.services.firstIndex(where: { $0.name == service.name }) {
                result.services[index] = override.replacingServices.contains(service.name)
                    ? service : result.services[index].merged(with: service)
            } else {
                result.services.append(service)
            }
        }
        result.volumes = Self.mergeByName(volumes, override.volumes)
        result.networks = Self.mergeByName(networks, override.networks)
        result.secrets = Self.mergeByName(secrets, override.secrets)
        result.configs = Self.mergeByName(configs, override.configs)
        result.unresolvedVariables += override.unresolvedVariables
        result.requiredVariables += override.requiredVariables
        result.reindex()
        return result
    }

    private static func mergeByName(_ base: [NamedResource], _ override: [NamedResource]) -> [NamedResource] {
        var result = base
        for resource in override {
            if let index = result.firstIndex(where: { $0.name == resource.name }) { result[index] = resource } else {
                result.append(resource)
            }
        }
        return result
    }
}

extension Service {
    /// `override` layered over this service; keys it tags `!reset` or `!override` do not merge.
    public func merged(with override: Service) -> Service {
        var result = removing(keys: override.resetKeys.union(override.overrideKeys))
        let base = result
        return base.mergedValues(with: override, into: &result)
    }

    /// This service without the given keys (as if they were never written).
    public func removing(keys: Set<String>) -> Service {
        var result = self
        for key in keys {
            switch key {
            case "image": result.image = nil
            case "build": result.build = nil
            case "command": result.command = nil
            case "entrypoint": result.entrypoint = nil
            case "environment": result.environment = []
            case "env_file": result.envFiles = []
            case "ports": result.ports = []
            case "volumes": result.volumes = []
            case "user": result.user = nil
            case "mem_limit": result.limits.memory = nil
            case "cpus": result.limits.cpus = nil
            case "pids_limit": result.limits.pids = nil
            case "mem_reservation": result.reservations.memory = nil
            case "deploy": result.limits = .none; result.reservations = .none; result.hasRestartPolicyInDeploy = false
            case "logging": result.logging = nil
            case "healthcheck": result.healthcheck = nil
            case "restart": result.restart = nil
            case "depends_on": result.dependsOn = []
            case "labels": result.labels = [:]
            case "networks":
                result.networks = []
                result.resourceReferences.removeAll { $0.kind == .network }
            case "secrets": result.resourceReferences.removeAll { $0.kind == .secret }
            case "configs": result.resourceReferences.removeAll { $0.kind == .config }
            case "network_mode": result.networkMode = nil
            case "profiles": result.profiles = []
            case "read_only": result.readOnly = false
            case "privileged": result.privileged = nil
            case "pid": result.pid = nil
            case "ipc": result.ipc = nil
            case "userns_mode": result.usernsMode = nil
            case "uts": result.uts = nil
            case "devices": result.devices = []
            case "tmpfs": result.tmpfs = []
            case "cap_add": result.capAdd = []
            case "cap_drop": result.capDrop = []
            case "security_opt": result.securityOpt = []
            case "links": result.links = []
            case "volumes_from": result.volumesFrom = []
            case "container_name": result.containerName = nil
            case "provider": result.provider = nil
            default: break
            }
        }
        return result
    }

    private func mergedValues(with override: Service, into result: inout Service) -> Service {
        result.image = override.image ?? image
        result.build = override.build ?? build
        result.command = override.command ?? command
        result.entrypoint = override.entrypoint ?? entrypoint
        result.user = override.user ?? user
        result.restart = override.restart ?? restart
        result.logging = override.logging ?? logging
        result.healthcheck = override.healthcheck ?? healthcheck
        result.networkMode = override.networkMode ?? networkMode
        result.limits = ResourceSettings(memory: override.limits.memory ?? limits.memory,
                                         cpus: override.limits.cpus ?? limits.cpus,
                                         location: override.limits.location ?? limits.location,
                                         pids: override.limits.pids ?? limits.pids)
        result.reservations = ResourceSettings(memory: override.reservations.memory ?? reservations.memory,
                                               cpus: override.reservations.cpus ?? reservations.cpus,
                                               location: override.reservations.location ?? reservations.location)
        result.environment = merge(environment, override.environment, key: \.name)
        result.envFiles = merge(envFiles, override.envFiles, key: \.path.value)
        result.ports = ports + override.ports.filter { port in !ports.contains { $0.isSameMapping(as: port) } }
        result.volumes = merge(volumes, override.volumes, key: \.target)
        result.dependsOn = merge(dependsOn, override.dependsOn, key: \.service)
        result.labels.merge(override.labels) { _, new in new }
        result.networks = networks + override.networks.filter { !networks.contains($0) }
        result.resourceReferences = merge(resourceReferences, override.resourceReferences) { "\($0.kind.rawValue):\($0.name)" }
        if !override.profiles.isEmpty { result.profiles = override.profiles }
        result.readOnly = override.readOnly || readOnly
        result.privileged = override.privileged ?? privileged
        result.pid = override.pid ?? pid
        result.ipc = override.ipc ?? ipc
        result.usernsMode = override.usernsMode ?? usernsMode
        result.uts = override.uts ?? uts
        result.containerName = override.containerName ?? containerName
        result.provider = override.provider ?? provider
        // A value refused in any file stops the project; an empty entry over a defined service changes nothing.
        result.refusals = refusals + override.refusals.filter { !$0.isEmptyService && !refusals.contains($0) }
        result.capAdd = merge(capAdd, override.capAdd, key: \.value)
        result.capDrop = merge(capDrop, override.capDrop, key: \.value)
        result.securityOpt = merge(securityOpt, override.securityOpt, key: \.value)
        result.devices = merge(devices, override.devices, key: \.value)
        result.tmpfs = merge(tmpfs, override.tmpfs, key: \.value)
        result.links = merge(links, override.links, key: \.value)
        result.volumesFrom = merge(volumesFrom, override.volumesFrom, key: \.value)
        result.hasRestartPolicyInDeploy = override.hasRestartPolicyInDeploy || hasRestartPolicyInDeploy
        result.resetKeys = []
        result.overrideKeys = []
        return result
    }

    private func merge<Item, Key: Equatable>(_ base: [Item], _ override: [Item], key: (Item) -> Key) -> [Item] {
        var result = base
        for item in override {
            if let index = result.firstIndex(where: { key($0) == key(item) }) { result[index] = item } else {
                result.append(item)
            }
        }
        return result
    }
}

extension PortMapping {
    func isSameMapping(as other: PortMapping) -> Bool {
        hostIP == other.hostIP && published == other.published && target == other.target && proto == other.proto
    }
}
