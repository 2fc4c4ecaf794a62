import ComposeAuditCore
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the typed compose model from parsed YAML, interpolating values with a `VariableScope`.
public struct ComposeLoader {
    public let tree: YAMLTree
    public let scope: VariableScope
    private var unresolved: [Located<String>] = []
    private var required: [Located<String>] = []
    /// Invalid templates, all reported at the end of the file rather than only the first.
    private var templateErrors: [InputError] = []

    public init(tree: YAMLTree, scope: VariableScope) {
        self.tree = tree
        self.scope = scope
    }

    private var source: SourceFile { tree.source }

    /// Loads one compose file; several documents in one file are merged in order, as Compose does.
    public static func load(_ tree: YAMLTree, scope: VariableScope) throws(InputError) -> ComposeModel {
        try refuseYAMLVersion(of: tree.source)
        var loader = ComposeLoader(tree: tree, scope: scope)
        let roots = tree.documents.filter { !tree.isNull($0) }
        guard let first = roots.first else {
            throw InputError(path: tree.source.path, position: LineColumn(line: 1, column: 1), reason: "empty compose file")
        }
        var model = try loader.model(root: first)
        for root in roots.dropFirst() {
            model = model.merged(with: try loader.model(root: root))
        }
        if var first = loader.templateErrors.first {
            first.more = Array(loader.templateErrors.dropFirst())
            throw first
        }
        return model
    }

    /// Docker Compose reads YAML with go-yaml, which accepts only a `%YAML 1.1` directive ("found incompatible YAML
    /// document" for `%YAML 1.2`); directives stand before the first `---`.
    static func refuseYAMLVersion(of source: SourceFile) throws(InputError) {
        var offset = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while offset < source.bytes.count, source.bytes[offset] == UInt8(ascii: "%") || source.bytes[offset] == UInt8(ascii: "#") {
            let end = source.bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? source.bytes.count
            let line = String(decoding: source.bytes[offset..<end], as: UTF8.self)
            let words = line.split { $0 == " " || $0 == "\t" || $0 == "\r" }
            if words.first == "%YAML", words.count > 1, words[1] != "1.1" {
                throw InputError(file: source, offset: offset,
                                 reason: "`%YAML \(words[1])`: Docker Compose reads YAML 1.1 documents only and refuses this directive")
            }
            offset = end + 1
        }
    }

    private mutating func model(root: YAMLNode) throws(InputError) -> ComposeModel {
        guard tree.kind(tree.resolved(root)) == .mapping else {
            throw error(at: root, "top-level object must be a mapping")
        }
        var model = ComposeModel()
        for (key, value) in tree.entries(root) {
            guard let name = tree.string(key) else {
                throw error(at: key, "non-string key at the top level")
            }
            switch name {
            case "name": model.name = try text(value)?.value
            case "version": model.versionKey = try text(value)
            case "services":
                var entries: [(key: YAMLNode, value: YAMLNode)] = []
                for entry in tree.entries(value) {
                    switch tree.tag(entry.value) {
                    case "!reset": model.resetServices.insert(tree.string(entry.key) ?? "")
                    case "!override":
                        model.replacingServices.insert(tree.string(entry.key) ?? "")
                        entries.append(entry)
                    default: entries.append(entry)
                    }
                }
                model.services += try services(entries)
            case "volumes": model.volumes = try resources(value)
            case "networks": model.networks = try resources(value)
            case "secrets": model.secrets = try resources(value)
            case "configs": model.configs = try resources(value)
            case "include": model.includes = try includes(value)
            default: break
            }
        }
        model.unresolvedVariables = unresolved
        model.requiredVariables = required
        model.reindex()
        return model
    }

    private mutating func includes(_ node: YAMLNode) throws(InputError) -> [IncludeReference] {
        var result: [IncludeReference] = []
        for item in tree.items(node) {
            let location = tree.location(item)
            if tree.kind(tree.resolved(item)) != .mapping {
                if let path = try text(item) { result.append(IncludeReference(paths: [path.value], projectDirectory: nil, envFiles: [], location: location)) }
                continue
            }
            func strings(_ key: String) throws(InputError) -> [String] {
                guard let value = tree.value(item, forKey: key) else { return [] }
                if tree.kind(tree.resolved(value)) == .sequence { return try texts(tree.items(value)).map(\.value) }
                return try text(value).map { [$0.value] } ?? []
            }
            let paths = try strings("path")
            guard !paths.isEmpty else { throw error(at: item, "include: `path` is required") }
            result.append(IncludeReference(paths: paths, projectDirectory: try strings("project_directory").first,
                                           envFiles: try strings("env_file"), location: location))
        }
        return result
    }

    private mutating func extends(_ node: YAMLNode) throws(InputError) -> ExtendsReference? {
        if tree.kind(tree.resolved(node)) != .mapping {
            return try text(node).map { ExtendsReference(service: $0.value, file: nil, location: $0.location) }
        }
        guard let service = try text(tree.value(node, forKey: "service")) else {
            throw error(at: node, "extends: `service` is required")
        }
        return ExtendsReference(service: service.value, file: try text(tree.value(node, forKey: "file"))?.value,
                                location: tree.location(node))
    }

    private mutating func resources(_ node: YAMLNode) throws(InputError) -> [NamedResource] {
        var result: [NamedResource] = []
        for (key, value) in tree.entries(node) {
            guard let name = tree.string(key) else { continue }
            try interpolateScalars(in: value)
            let external = tree.value(value, forKey: "external").flatMap { tree.string($0) } == "true"
            result.append(NamedResource(name: name, isExternal: external, location: tree.location(key)))
        }
        return result
    }

    /// Compose interpolates every value of a top-level resource (`file: ${SECRET_FILE:?...}`): its variables are
    /// noted as the services' are.
    private mutating func interpolateScalars(in node: YAMLNode) throws(InputError) {
        switch tree.kind(tree.resolved(node)) {
        case .scalar: _ = try text(node)
        case .sequence: for item in tree.items(node) { try interpolateScalars(in: item) }
        case .mapping: for (_, value) in tree.entries(node) { try interpolateScalars(in: value) }
        default: break
        }
    }

    // MARK: - Service

    /// The services in file order. Hundreds of services are read on every core, in runs of consecutive
    /// services, each run with its own loader; the runs' services, unresolved variables and template errors
    /// are then joined in order, and the first error of the earliest run is the error, as when read one by one.
    private mutating func services(_ entries: [(key: YAMLNode, value: YAMLNode)]) throws(InputError) -> [Service] {
        let runs = entries.count >= 256 ? max(1, min(Self.processorCount, entries.count / 128)) : 1
        guard runs > 1 else { return try servicesInOrder(entries[...]) }
        let results = Locked([ServiceRun?](repeating: nil, count: runs))
        let (tree, scope) = (self.tree, self.scope)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var loader = ComposeLoader(tree: tree, scope: scope)
            let bounds = entries.count * run / runs..<entries.count * (run + 1) / runs
            var result = ServiceRun()
            do throws(InputError) {
                result.services = try loader.servicesInOrder(entries[bounds])
            } catch {
                result.failure = error
            }
            result.unresolved = loader.unresolved
            result.required = loader.required
            result.templateErrors = loader.templateErrors
            results.withLock { $0[run] = result }
        }
        var services: [Service] = []
        services.reserveCapacity(entries.count)
        for result in results.withLock({ $0.compactMap { $0 } }) {
            unresolved += result.unresolved
            required += result.required
            templateErrors += result.templateErrors
            if let failure = result.failure { throw failure }
            services += result.services
        }
        return services
    }

    private struct ServiceRun: Sendable {
        var services: [Service] = []
        var unresolved: [Located<String>] = []
        var required: [Located<String>] = []
        var templateErrors: [InputError] = []
        var failure: InputError?
    }

    private static let processorCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    private mutating func servicesInOrder(_ entries: ArraySlice<(key: YAMLNode, value: YAMLNode)>) throws(InputError) -> [Service] {
        var services: [Service] = []
        services.reserveCapacity(entries.count)
        for (key, body) in entries {
            guard let name = tree.string(key) else { throw error(at: key, "non-string service name") }
            services.append(try service(named: name, key: key, body: body))
        }
        return services
    }

    private mutating func service(named name: String, key: YAMLNode, body: YAMLNode) throws(InputError) -> Service {
        var service = Service(name: name, location: tree.location(key))
        if tree.isNull(body) {
            service.refusals.append(ComposeRefusal(
                message: "Service `\(name)` has no definition: Compose refuses an empty service (it must be a mapping)",
                location: tree.location(key), dependsOnVariables: false, isEmptyService: true))
            return service
        }
        guard tree.kind(tree.resolved(body)) == .mapping else { throw error(at: body, "service `\(name)` must be a mapping") }
        for (fieldKey, value) in tree.entries(body) {
            guard let field = tree.string(fieldKey) else { continue }
            switch tree.tag(value) {
            case "!reset": service.resetKeys.insert(field)
            case "!override": service.overrideKeys.insert(field)
            default: break
            }
            guard !tree.isNull(value), !service.resetKeys.contains(field) else { continue }
            switch field {
            case "image": service.image = try text(value)
            case "build": service.build = try build(value, refusals: &service.refusals)
            case "command": service.command = try command(value)
            case "entrypoint": service.entrypoint = try command(value)
            case "environment":
                service.environment = try environment(value, field: field, refusals: &service.refusals)
            case "env_file": service.envFiles = try envFiles(value)
            case "ports":
                for item in tree.items(value) { service.ports.append(try port(item, refusals: &service.refusals)) }
            case "volumes":
                for item in tree.items(value) {
                    if let mount = try volume(item, refusals: &service.refusals) { service.volumes.append(mount) }
                }
            case "user": service.user = try text(value)
            case "mem_limit": service.limits.memory = try typed(value, field: field, kind: .size, refusals: &service.refusals)
            case "cpus": service.limits.cpus = try typed(value, field: field, kind: .number, refusals: &service.refusals)
            case "pids_limit": service.limits.pids = try text(value)
            case "mem_reservation": service.reservations.memory = try typed(value, field: field, kind: .size, refusals: &service.refusals)
            case "deploy": try deploy(value, into: &service)
            case "logging": service.logging = try logging(value, key: fieldKey)
            case "healthcheck": service.healthcheck = try healthcheck(value, refusals: &service.refusals)
            case "restart": service.restart = try text(value)
            case "depends_on": service.dependsOn = try dependencies(value)
            case "labels":
                service.labels = try labels(value, field: field, refusals: &service.refusals)
            case "networks":
                let named = tree.kind(tree.resolved(value)) == .sequence ? tree.items(value) : tree.entries(value).map(\.key)
                service.networks = named.compactMap { tree.string($0) }
                service.resourceReferences += named.compactMap { node in
                    tree.string(node).map { ResourceReference(kind: .network, name: $0, location: tree.location(node)) }
                }
            case "secrets", "configs":
                let kind: ResourceReference.Kind = field == "secrets" ? .secret : .config
                for item in tree.items(value) {
                    let source = tree.kind(tree.resolved(item)) == .mapping ? tree.value(item, forKey: "source") : item
                    guard let source, let name = tree.string(source) else { continue }
                    service.resourceReferences.append(ResourceReference(kind: kind, name: name, location: tree.location(source)))
                }
            case "network_mode": service.networkMode = try text(value)
            case "profiles": service.profiles = tree.items(value).compactMap { tree.string($0) }
            case "read_only":
                let readOnly = try typed(value, field: field, kind: .boolean, refusals: &service.refusals)
                service.readOnly = readOnly?.value.lowercased() == "true"
            case "privileged": service.privileged = try typed(value, field: field, kind: .boolean, refusals: &service.refusals)
            case "pid": service.pid = try text(value)
            case "ipc": service.ipc = try text(value)
            case "userns_mode": service.usernsMode = try text(value)
            case "uts": service.uts = try text(value)
            case "devices":
                service.devices = try texts(tree.items(value).map { tree.kind(tree.resolved($0)) == .mapping ? tree.value($0, forKey: "source") ?? $0 : $0 })
            case "tmpfs": service.tmpfs = try tree.kind(tree.resolved(value)) == .sequence ? texts(tree.items(value)) : texts([value])
            case "cap_add": service.capAdd = try texts(tree.items(value))
            case "cap_drop": service.capDrop = try texts(tree.items(value))
            case "security_opt": service.securityOpt = try texts(tree.items(value))
            case "links": service.links = try texts(tree.items(value))
            case "volumes_from": service.volumesFrom = try texts(tree.items(value))
            case "container_name":
                service.containerName = try text(value)
                if let name = service.containerName, !ContainerNameSyntax.isValid(name.value) {
                    service.refusals.append(ComposeRefusal(
                        message: "`container_name`: \(Self.shown(name)), but Compose needs a letter or digit followed by a letter, digit, `_`, `.` or `-` somewhere in it",
                        location: name.location, dependsOnVariables: name.hasVariables))
                }
            case "provider": service.provider = try text(tree.value(value, forKey: "type"))
            case "extends": service.extends = try extends(value)
            default:
                if let kind = ComposeValueKind.serviceKeys[field] { _ = try typed(value, field: field, kind: kind, refusals: &service.refusals) }
            }
        }
        try checkPlatforms(of: body, refusals: &service.refusals)
        return service
    }

    /// A value Compose casts (a boolean, a number, a duration, a size): written with a variable, it is cast after
    /// interpolation, and Compose refuses the file when the result is not one (`read_only: ${RO}` with `RO` unset).
    private mutating func typed(_ node: YAMLNode, field: String, key: String? = nil, kind: ComposeValueKind,
                                refusals: inout [ComposeRefusal]) throws(InputError) -> ComposeText? {
        guard let value = try text(node) else { return nil }
        if value.hasVariables, !kind.accepts(value.value) {
            let name = key.map { "\(field).\($0)" } ?? field
            refusals.append(ComposeRefusal(message: "`\(name)`: \(Self.shown(value)), but Compose needs \(kind.expected)",
                                           location: value.location, dependsOnVariables: true))
        }
        return value
    }

    /// Compose refuses a service whose `platform` is not among its `build.platforms`.
    private mutating func checkPlatforms(of body: YAMLNode, refusals: inout [ComposeRefusal]) throws(InputError) {
        guard let platformNode = tree.value(body, forKey: "platform"), let build = tree.value(body, forKey: "build"),
              let platformsNode = tree.value(build, forKey: "platforms"), tree.kind(tree.resolved(platformsNode)) == .sequence,
              let platform = try text(platformNode) else { return }
        let platforms = try texts(tree.items(platformsNode)).map(\.value)
        guard !platforms.isEmpty, !platforms.contains(platform.value) else { return }
        refusals.append(ComposeRefusal(
            message: "`platform: \(platform.value)` is not among `build.platforms` (\(platforms.joined(separator: ", "))): Compose refuses the service",
            location: platform.location, dependsOnVariables: platform.hasVariables))
    }

    /// A plain `.inf` or `.nan` in a mapping value is a YAML number that Compose cannot check (it validates the file
    /// as JSON, which has no infinity), so it refuses the file; quoted, it is a string.
    private func noteNonFiniteNumber(_ value: YAMLNode, raw: String, field: String, key: String, refusals: inout [ComposeRefusal]) {
        guard let first = raw.utf8.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
              Self.nonFiniteNumbers.contains(raw), tree.scalarStyle(value) == .plain else { return }
        refusals.append(ComposeRefusal(
            message: "`\(field).\(key)`: `\(raw)` unquoted is a YAML number Compose cannot check, and it refuses the file; quote it",
            location: tree.location(value), dependsOnVariables: false))
    }

    private static let nonFiniteNumbers: Set<String> = [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                                                        ".nan", ".NaN", ".NAN"]

    /// The value for a message: "`${RO}` becomes ``" when variables made it, else "`value`".
    private static func shown(_ value: ComposeText) -> String {
        value.hasVariables ? "`\(value.raw)` becomes `\(value.value)`" : "`\(value.value)`"
    }

    private mutating func deploy(_ node: YAMLNode, into service: inout Service) throws(InputError) {
        if tree.value(node, forKey: "restart_policy") != nil { service.hasRestartPolicyInDeploy = true }
        guard let resources = tree.value(node, forKey: "resources") else { return }
        if let (limitsKey, limits) = tree.entry(resources, forKey: "limits") {
            let memory = try text(tree.value(limits, forKey: "memory"))
            let cpus = try text(tree.value(limits, forKey: "cpus"))
            let pids = try text(tree.value(limits, forKey: "pids"))
            service.limits = ResourceSettings(memory: memory ?? service.limits.memory, cpus: cpus ?? service.limits.cpus,
                                              location: tree.location(limitsKey), pids: pids ?? service.limits.pids)
        }
        if let (reservationsKey, reservations) = tree.entry(resources, forKey: "reservations") {
            let memory = try text(tree.value(reservations, forKey: "memory"))
            let cpus = try text(tree.value(reservations, forKey: "cpus"))
            service.reservations = ResourceSettings(memory: memory ?? service.reservations.memory,
                                                    cpus: cpus ?? service.reservations.cpus,
                                                    location: tree.location(reservationsKey))
        }
    }

    private mutating func build(_ node: YAMLNode, refusals: inout [ComposeRefusal]) throws(InputError) -> BuildSpec? {
        if tree.kind(tree.resolved(node)) == .scalar {
            guard let context = try text(node) else { return nil }
            return BuildSpec(context: context, dockerfile: nil, dockerfileInline: nil, target: nil, tags: [], args: [],
                             location: tree.location(node))
        }
        var spec = BuildSpec(context: ComposeText(literal: ".", location: tree.location(node)), dockerfile: nil,
                             dockerfileInline: nil, target: nil, tags: [], args: [], location: tree.location(node))
        for (key, value) in tree.entries(node) {
            switch tree.string(key) {
            case "context": if let context = try text(value) { spec.context = context }
            case "dockerfile": spec.dockerfile = try text(value)
            case "dockerfile_inline": spec.dockerfileInline = try text(value)
            case "target": spec.target = try text(value)
            case "tags": spec.tags = try texts(tree.items(value))
            case "args": spec.args = try environment(value, field: "build.args", refusals: &refusals)
            default: break
            }
        }
        return spec
    }

    private mutating func command(_ node: YAMLNode) throws(InputError) -> CommandSpec? {
        let resolved = tree.resolved(node)
        switch tree.kind(resolved) {
        case .scalar:
            guard let value = try text(node) else { return nil }
            return CommandSpec(form: .shell, parts: [value], location: tree.location(node))
        case .sequence:
            let parts = try texts(tree.items(node))
            return CommandSpec(form: .exec, parts: parts, location: tree.location(node))
        default:
            throw error(at: node, "a command must be a string or a list of strings")
        }
    }

    private mutating func environment(_ node: YAMLNode, field: String,
                                      refusals: inout [ComposeRefusal]) throws(InputError) -> [EnvironmentVariable] {
        var result: [EnvironmentVariable] = []
        if tree.kind(tree.resolved(node)) == .sequence {
            let items = tree.items(node)
            result.reserveCapacity(items.count)
            for item in items {
                guard let entry = tree.string(item) else { continue }
                let location = tree.location(item)
                if let equals = entry.firstIndex(of: "=") {
                    let name = String(entry[..<equals])
                    let rawValue = String(entry[entry.index(after: equals)...])
                    let value = try interpolated(rawValue, at: item)
                    result.append(EnvironmentVariable(name: name, value: value, location: location))
                } else {
                    result.append(EnvironmentVariable(name: entry, value: nil, location: location))
                }
            }
            return result
        }
        let entries = tree.entries(node)
        result.reserveCapacity(entries.count)
        for (key, value) in entries {
            guard let name = tree.string(key) else { continue }
            let text = tree.isNull(value) ? nil : try text(value)
            if let text { noteNonFiniteNumber(value, raw: text.raw, field: field, key: name, refusals: &refusals) }
            result.append(EnvironmentVariable(name: name, value: text, location: tree.location(key)))
        }
        return result
    }

    private mutating func envFiles(_ node: YAMLNode) throws(InputError) -> [EnvFileReference] {
        let items = tree.kind(tree.resolved(node)) == .sequence ? tree.items(node) : [node]
        var result: [EnvFileReference] = []
        for item in items {
            if tree.kind(tree.resolved(item)) == .mapping {
                guard let pathNode = tree.value(item, forKey: "path"), let path = try text(pathNode) else { continue }
                let required = tree.value(item, forKey: "required").flatMap { tree.string($0) } != "false"
                let raw = tree.value(item, forKey: "format").flatMap { tree.string($0) } == "raw"
                result.append(EnvFileReference(path: path, isRequired: required, isRaw: raw))
            } else if let path = try text(item) {
                result.append(EnvFileReference(path: path, isRequired: true))
            }
        }
        return result
    }

    private mutating func port(_ node: YAMLNode, refusals: inout [ComposeRefusal]) throws(InputError) -> PortMapping {
        let location = tree.location(node)
        if tree.kind(tree.resolved(node)) == .mapping {
            let target = try text(tree.value(node, forKey: "target"))?.value
            let published = try text(tree.value(node, forKey: "published"))?.value
            let hostIP = try text(tree.value(node, forKey: "host_ip"))?.value
            let proto = try text(tree.value(node, forKey: "protocol"))?.value
            return PortMapping(hostIP: hostIP, published: published, target: target ?? "",
                               proto: proto ?? "tcp", location: location)
        }
        let spec = try text(node)
        let mapping = PortSyntax.parse(spec?.value ?? "", location: location)
        if let spec, mapping.target.isEmpty {
            refusals.append(ComposeRefusal(message: "Port \(Self.shown(spec)): no container port, which Compose refuses",
                                           location: location, dependsOnVariables: spec.hasVariables))
        }
        return mapping
    }

    private mutating func volume(_ node: YAMLNode, refusals: inout [ComposeRefusal]) throws(InputError) -> VolumeMount? {
        let location = tree.location(node)
        if tree.kind(tree.resolved(node)) == .mapping {
            func field(_ key: String) throws(InputError) -> String? {
                guard let value = tree.value(node, forKey: key) else { return nil }
                return try text(value)?.value
            }
            let type = try field("type") ?? "volume"
            let source = try field("source")
            let target = VolumeSyntax.cleanTarget(try field("target") ?? "")
            let readOnly = try field("read_only") == "true"
            var kind = VolumeMount.Kind(rawValue: type) ?? .volume
            if kind == .volume && (source ?? "").isEmpty { kind = .anonymous }
            var propagation: String?
            if let bind = tree.value(node, forKey: "bind"), let value = tree.value(bind, forKey: "propagation") {
                propagation = try text(value)?.value
            }
            return VolumeMount(kind: kind, source: source, target: target, isReadOnly: readOnly,
                               isLongSyntax: true, location: location, propagation: propagation)
        }
        guard let spec = try text(node) else { return nil }
        if Self.hasEmptyPart(spec.value) {
            let problem = spec.value.isEmpty ? "an empty volume" : "an empty part between colons"
            refusals.append(ComposeRefusal(message: "Volume \(Self.shown(spec)): \(problem), which Compose refuses",
                                           location: location, dependsOnVariables: spec.hasVariables))
        }
        return VolumeSyntax.parse(spec.value, location: location)
    }

    /// Whether a short volume spec is empty or has an empty part between colons (`:/data`, `a::b`, `/data:`).
    static func hasEmptyPart(_ spec: String) -> Bool {
        let colon = UInt8(ascii: ":")
        var previous: UInt8 = colon
        for byte in spec.utf8 {
            if byte == colon, previous == colon { return true }
            previous = byte
        }
        return previous == colon
    }

    /// `location` is the `logging:` key, where a user reads the setting.
    private mutating func logging(_ node: YAMLNode, key: YAMLNode) throws(InputError) -> LoggingSpec {
        var options: [String: String] = [:]
        if let optionsNode = tree.value(node, forKey: "options") {
            for (key, value) in tree.entries(optionsNode) {
                if let name = tree.string(key), let text = try text(value) { options[name] = text.value }
            }
        }
        let driver = try text(tree.value(node, forKey: "driver"))
        return LoggingSpec(driver: driver, options: options, location: tree.location(key))
    }

    /// The settings Compose casts (durations, `retries`, `disable`) go through `typed`, so a refused one is noted.
    private mutating func healthcheck(_ node: YAMLNode, refusals: inout [ComposeRefusal]) throws(InputError) -> HealthcheckSpec {
        var disabled = false
        var test: CommandSpec?
        for (key, setting) in tree.entries(node) {
            guard let name = tree.string(key) else { continue }
            if name == "test" { test = try command(setting); continue }
            guard let kind = ComposeValueKind.healthcheckKeys[name] else { continue }
            let value = try typed(setting, field: "healthcheck", key: name, kind: kind, refusals: &refusals)
            if name == "disable" { disabled = value?.value == "true" }
        }
        let none = test?.form == .exec && test?.parts.first?.value == "NONE"
        return HealthcheckSpec(test: test, isDisabled: disabled || none, location: tree.location(node))
    }

    /// The short form's items are values and interpolated (`- ${DB_HOST:-db}`); the long form's keys are not.
    private mutating func dependencies(_ node: YAMLNode) throws(InputError) -> [ServiceDependency] {
        if tree.kind(tree.resolved(node)) == .sequence {
            return try texts(tree.items(node)).map {
                ServiceDependency(service: $0.value, condition: nil, location: $0.location)
            }
        }
        return tree.entries(node).compactMap { key, value in
            guard let name = tree.string(key) else { return nil }
            let condition = tree.value(value, forKey: "condition").flatMap { tree.string($0) }
            return ServiceDependency(service: name, condition: condition, location: tree.location(key))
        }
    }

    private mutating func labels(_ node: YAMLNode, field: String, refusals: inout [ComposeRefusal]) throws(InputError) -> [String: ComposeText] {
        var result: [String: ComposeText] = [:]
        if tree.kind(tree.resolved(node)) == .sequence {
            for item in tree.items(node) {
                guard let entry = tree.string(item) else { continue }
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = parts.count > 1 ? String(parts[1]) : ""
                result[String(parts[0])] = try interpolated(value, at: item)
            }
            return result
        }
        for (key, value) in tree.entries(node) {
            guard let name = tree.string(key) else { continue }
            let text = try text(value)
            if let text { noteNonFiniteNumber(value, raw: text.raw, field: field, key: name, refusals: &refusals) }
            result[name] = text ?? ComposeText(literal: "", location: tree.location(value))
        }
        return result
    }

    // MARK: - Scalars

    /// The interpolated scalar at `node`, nil for a missing, null or non-scalar node.
    private mutating func text(_ node: YAMLNode?) throws(InputError) -> ComposeText? {
        guard let node, !tree.isNull(node), let raw = tree.string(node) else { return nil }
        return try interpolated(raw, at: node)
    }

    private mutating func texts(_ nodes: [YAMLNode]) throws(InputError) -> [ComposeText] {
        var result: [ComposeText] = []
        for node in nodes { if let value = try text(node) { result.append(value) } }
        return result
    }

    private mutating func interpolated(_ raw: String, at node: YAMLNode) throws(InputError) -> ComposeText {
        let location = tree.location(node)
        do {
            let result = try Interpolation.interpolate(raw, in: scope)
            for reference in result.references where reference.isUnresolved {
                if case .required = reference.modifier {
                    required.append(Located(reference.name, at: location))
                } else {
                    unresolved.append(Located(reference.name, at: location))
                }
            }
            return ComposeText(raw: raw, value: result.value, location: location, hasVariables: result.hasVariables)
        } catch {
            templateErrors.append(self.error(at: node, error.reason))
            return ComposeText(raw: raw, value: raw, location: location, hasVariables: true)
        }
    }

    private func error(at node: YAMLNode, _ reason: String) -> InputError {
        InputError(file: source, offset: tree.range(node).start, reason: reason)
    }
}
