import ComposeAuditCore

/// A string value of a compose file: as written (`raw`) and after interpolation (`value`).
public struct ComposeText: Sendable, Hashable {
    public var raw: String
    public var value: String
    public var location: SourceLocation
    /// Whether the written text contains `$VAR` / `${VAR...}` references.
    public var hasVariables: Bool

    public init(raw: String, value: String, location: SourceLocation, hasVariables: Bool) {
        self.raw = raw
        self.value = value
        self.location = location
        self.hasVariables = hasVariables
    }

    public init(literal: String, location: SourceLocation) {
        self.init(raw: literal, value: literal, location: location, hasVariables: false)
    }
}

/// `command:` / `entrypoint:` / a healthcheck test: a shell string or an exec list.
public struct CommandSpec: Sendable, Hashable {
    public enum Form: Sendable, Hashable { case shell, exec }
    public var form: Form
    /// The words (exec form) or the single shell string (shell form).
    public var parts: [ComposeText]
    public var location: SourceLocation

    /// The command split into words (shell form is split on whitespace, honouring simple quotes).
    public var words: [String] {
        switch form {
        case .exec: parts.map(\.value)
        case .shell: parts.flatMap { ShellWords.split($0.value) }
        }
    }
}

public struct BuildSpec: Sendable, Hashable {
    public var context: ComposeText
    public var dockerfile: ComposeText?
    public var dockerfileInline: ComposeText?
    public var target: ComposeText?
    public var tags: [ComposeText]
    public var args: [EnvironmentVariable]
    public var location: SourceLocation
}

public struct EnvironmentVariable: Sendable, Hashable {
    public var name: String
    /// nil for `- NAME` / `NAME:` without a value (taken from the shell at run time).
    public var value: ComposeText?
    public var location: SourceLocation
}

public struct EnvFileReference: Sendable, Hashable {
    public var path: ComposeText
    public var isRequired: Bool
    /// `format: raw`: values taken literally.
    public var isRaw: Bool = false
}

public struct PortMapping: Sendable, Hashable {
    public var hostIP: String?
    /// The host port or range (`8080`, `8000-8010`), nil when only the container port is given.
    public var published: String?
    public var target: String
    public var proto: String
    public var location: SourceLocation
}

public struct VolumeMount: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case bind, volume, tmpfs, anonymous, npipe, cluster, image }
    public var kind: Kind
    /// Host path (bind) or volume name (volume); nil for anonymous and tmpfs.
    public var source: String?
    public var target: String
    public var isReadOnly: Bool
    public var isLongSyntax: Bool
    public var location: SourceLocation
    /// Bind propagation (`rshared` in `./a:/b:rshared`, or `bind: {propagation: ...}`), nil when not written.
    public var propagation: String? = nil
}

public struct ResourceSettings: Sendable, Hashable {
    public var memory: ComposeText?
    public var cpus: ComposeText?
    public var location: SourceLocation?
    /// `pids_limit`, or `pids` under `deploy.resources.limits` (limits only).
    public var pids: ComposeText? = nil

    public static let none = ResourceSettings(memory: nil, cpus: nil, location: nil)
}

public struct LoggingSpec: Sendable, Hashable {
    public var driver: ComposeText?
    public var options: [String: String]
    public var location: SourceLocation
}

public struct HealthcheckSpec: Sendable, Hashable {
    public var test: CommandSpec?
    public var isDisabled: Bool
    public var location: SourceLocation
}

public struct ServiceDependency: Sendable, Hashable {
    public var service: String
    public var condition: String?
    public var location: SourceLocation
}

/// One service of the (merged) compose model. Every value keeps the file and range it came from.
/// A value type whose fields live in one shared box (copied on the first write): rules pass services
/// around by the thousand, and a copy is one reference count, not one per string of every field.
public struct Service: Sendable {
    private var storage: Storage

    /// The stored values; `Service` forwards each one.
    private struct Fields {
        var name: String
        var location: SourceLocation
        var image: ComposeText? = nil
        var build: BuildSpec? = nil
        var command: CommandSpec? = nil
        var entrypoint: CommandSpec? = nil
        var environment: [EnvironmentVariable] = []
        var envFiles: [EnvFileReference] = []
        var ports: [PortMapping] = []
        var volumes: [VolumeMount] = []
        var user: ComposeText? = nil
        var limits: ResourceSettings = .none
        var reservations: ResourceSettings = .none
        var logging: LoggingSpec? = nil
        var healthcheck: HealthcheckSpec? = nil
        var restart: ComposeText? = nil
        var dependsOn: [ServiceDependency] = []
        var labels: [String: ComposeText] = [:]
        var networks: [String] = []
        var resourceReferences: [ResourceReference] = []
        var networkMode: ComposeText? = nil
        var profiles: [String] = []
        var readOnly: Bool = false
        var hasRestartPolicyInDeploy: Bool = false
        var privileged: ComposeText? = nil
        var pid: ComposeText? = nil
        var ipc: ComposeText? = nil
        var usernsMode: ComposeText? = nil
        var uts: ComposeText? = nil
        var devices: [ComposeText] = []
        var tmpfs: [ComposeText] = []
        var capAdd: [ComposeText] = []
        var capDrop: [ComposeText] = []
        var securityOpt: [ComposeText] = []
        var links: [ComposeText] = []
        var volumesFrom: [ComposeText] = []
        var containerName: ComposeText? = nil
        var provider: ComposeText? = nil
        var refusals: [ComposeRefusal] = []
        var extends: ExtendsReference? = nil
        var resetKeys: Set<String> = []
        var overrideKeys: Set<String> = []
    }

    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    public var name: String {
        get { storage.fields.name }
        _modify { makeUnique(); yield &storage.fields.name }
    }
    /// The service's key in the compose file.
    public var location: SourceLocation {
        get { storage.fields.location }
        _modify { makeUnique(); yield &storage.fields.location }
    }
    public var image: ComposeText? {
        get { storage.fields.image }
        _modify { makeUnique(); yield &storage.fields.image }
    }
    public var build: BuildSpec? {
        get { storage.fields.build }
        _modify { makeUnique(); yield &storage.fields.build }
    }
    public var command: CommandSpec? {
        get { storage.fields.command }
        _modify { makeUnique(); yield &storage.fields.command }
    }
    public var entrypoint: CommandSpec? {
        get { storage.fields.entrypoint }
        _modify { makeUnique(); yield &storage.fields.entrypoint }
    }
    public var environment: [EnvironmentVariable] {
        get { storage.fields.environment }
        _modify { makeUnique(); yield &storage.fields.environment }
    }
    public var envFiles: [EnvFileReference] {
        get { storage.fields.envFiles }
        _modify { makeUnique(); yield &storage.fields.envFiles }
    }
    public var ports: [PortMapping] {
        get { storage.fields.ports }
        _modify { makeUnique(); yield &storage.fields.ports }
    }
    public var volumes: [VolumeMount] {
        get { storage.fields.volumes }
        _modify { makeUnique(); yield &storage.fields.volumes }
    }
    public var user: ComposeText? {
        get { storage.fields.user }
        _modify { makeUnique(); yield &storage.fields.user }
    }
    public var limits: ResourceSettings {
        get { storage.fields.limits }
        _modify { makeUnique(); yield &storage.fields.limits }
    }
    public var reservations: ResourceSettings {
        get { storage.fields.reservations }
        _modify { makeUnique(); yield &storage.fields.reservations }
    }
    public var logging: LoggingSpec? {
        get { storage.fields.logging }
        _modify { makeUnique(); yield &storage.fields.logging }
    }
    public var healthcheck: HealthcheckSpec? {
        get { storage.fields.healthcheck }
        _modify { makeUnique(); yield &storage.fields.healthcheck }
    }
    public var restart: ComposeText? {
        get { storage.fields.restart }
        _modify { makeUnique(); yield &storage.fields.restart }
    }
    public var dependsOn: [ServiceDependency] {
        get { storage.fields.dependsOn }
        _modify { makeUnique(); yield &storage.fields.dependsOn }
    }
    public var labels: [String: ComposeText] {
        get { storage.fields.labels }
        _modify { makeUnique(); yield &storage.fields.labels }
    }
    public var networks: [String] {
        get { storage.fields.networks }
        _modify { makeUnique(); yield &storage.fields.networks }
    }
    /// The top-level networks, secrets and configs the service names, where it names them.
    public var resourceReferences: [ResourceReference] {
        get { storage.fields.resourceReferences }
        _modify { makeUnique(); yield &storage.fields.resourceReferences }
    }
    public var networkMode: ComposeText? {
        get { storage.fields.networkMode }
        _modify { makeUnique(); yield &storage.fields.networkMode }
    }
    public var profiles: [String] {
        get { storage.fields.profiles }
        _modify { makeUnique(); yield &storage.fields.profiles }
    }
    public var readOnly: Bool {
        get { storage.fields.readOnly }
        _modify { makeUnique(); yield &storage.fields.readOnly }
    }
    public var hasRestartPolicyInDeploy: Bool {
        get { storage.fields.hasRestartPolicyInDeploy }
        _modify { makeUnique(); yield &storage.fields.hasRestartPolicyInDeploy }
    }
    public var privileged: ComposeText? {
        get { storage.fields.privileged }
        _modify { makeUnique(); yield &storage.fields.privileged }
    }
    /// `pid:`, `ipc:`, `userns_mode:` (network_mode is `networkMode`).
    public var pid: ComposeText? {
        get { storage.fields.pid }
        _modify { makeUnique(); yield &storage.fields.pid }
    }
    public var ipc: ComposeText? {
        get { storage.fields.ipc }
        _modify { makeUnique(); yield &storage.fields.ipc }
    }
    public var usernsMode: ComposeText? {
        get { storage.fields.usernsMode }
        _modify { makeUnique(); yield &storage.fields.usernsMode }
    }
    public var uts: ComposeText? {
        get { storage.fields.uts }
        _modify { makeUnique(); yield &storage.fields.uts }
    }
    /// `devices:` entries (`/dev/ttyUSB0:/dev/ttyUSB0`, short syntax or `source:` of the long one).
    public var devices: [ComposeText] {
        get { storage.fields.devices }
        _modify { makeUnique(); yield &storage.fields.devices }
    }
    /// `tmpfs:` entries (`/run:size=64m,noexec`), a single string or a list.
    public var tmpfs: [ComposeText] {
        get { storage.fields.tmpfs }
        _modify { makeUnique(); yield &storage.fields.tmpfs }
    }
    public var capAdd: [ComposeText] {
        get { storage.fields.capAdd }
        _modify { makeUnique(); yield &storage.fields.capAdd }
    }
    public var capDrop: [ComposeText] {
        get { storage.fields.capDrop }
        _modify { makeUnique(); yield &storage.fields.capDrop }
    }
    public var securityOpt: [ComposeText] {
        get { storage.fields.securityOpt }
        _modify { makeUnique(); yield &storage.fields.securityOpt }
    }
    public var links: [ComposeText] {
        get { storage.fields.links }
        _modify { makeUnique(); yield &storage.fields.links }
    }
    public var volumesFrom: [ComposeText] {
        get { storage.fields.volumesFrom }
        _modify { makeUnique(); yield &storage.fields.volumesFrom }
    }
    /// `provider: {type: ...}`: a service a plugin provides (a cloud database, a model): it has no image, no
    /// build and no network of the project.
    public var provider: ComposeText? {
        get { storage.fields.provider }
        _modify { makeUnique(); yield &storage.fields.provider }
    }
    /// Values of this service Compose refuses to load, in the files they are written in.
    public var refusals: [ComposeRefusal] {
        get { storage.fields.refusals }
        _modify { makeUnique(); yield &storage.fields.refusals }
    }
    public var containerName: ComposeText? {
        get { storage.fields.containerName }
        _modify { makeUnique(); yield &storage.fields.containerName }
    }
    /// `extends:` (resolved by the project loader, which then clears it).
    public var extends: ExtendsReference? {
        get { storage.fields.extends }
        _modify { makeUnique(); yield &storage.fields.extends }
    }
    /// Keys tagged `!reset` (removed from what this service is merged over) and `!override` (replacing it).
    public var resetKeys: Set<String> {
        get { storage.fields.resetKeys }
        _modify { makeUnique(); yield &storage.fields.resetKeys }
    }
    public var overrideKeys: Set<String> {
        get { storage.fields.overrideKeys }
        _modify { makeUnique(); yield &storage.fields.overrideKeys }
    }

    public init(name: String, location: SourceLocation) {
        storage = Storage(Fields(name: name, location: location))
    }

    /// Environment value by name (the last definition wins).
    public func environmentValue(_ name: String) -> EnvironmentVariable? {
        environment.last { $0.name == name }
    }
}

/// `extends: web` or `extends: {service: web, file: base.yaml}`.
public struct ExtendsReference: Sendable, Hashable {
    public var service: String
    /// The file holding the base service, relative to the extending file; nil for the same file.
    public var file: String?
    public var location: SourceLocation
}

/// One top-level `include:` item: `- path.yaml` or `- {path: [a, b], project_directory: d, env_file: e}`.
public struct IncludeReference: Sendable, Hashable {
    public var paths: [String]
    public var projectDirectory: String?
    public var envFiles: [String]
    public var location: SourceLocation
}

/// A service naming a top-level network, secret or config (`networks: [backend]`, `secrets: [{source: token}]`).
public struct ResourceReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case network, secret, config

        /// The service key and top-level section that hold this kind.
        public var section: String { rawValue + "s" }
    }

    public var kind: Kind
    public var name: String
    public var location: SourceLocation

    public init(kind: Kind, name: String, location: SourceLocation) {
        self.kind = kind
        self.name = name
        self.location = location
    }
}

/// A top-level `volumes:` / `networks:` entry.
public struct NamedResource: Sendable, Hashable {
    public var name: String
    public var isExternal: Bool
    public var location: SourceLocation
}

/// The compose project after loading and merging its files.
public struct ComposeModel: Sendable {
    public var name: String?
    public var services: [Service] = []
    /// Positions of services by name; `reindex()` after changing `services` (a stale index only costs a search).
    private var serviceIndex: [String: Int] = [:]

    public mutating func reindex() {
        serviceIndex = Dictionary(services.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
    public var volumes: [NamedResource] = []
    public var networks: [NamedResource] = []
    public var secrets: [NamedResource] = []
    public var configs: [NamedResource] = []
    public var versionKey: ComposeText?
    public var includes: [IncludeReference] = []
    /// Services this file tags `!reset` (`debug: !reset null`): merged over a base, they remove its service.
    public var resetServices: Set<String> = []
    /// Services this file tags `!override`: merged over a base, they replace its service instead of merging into it.
    public var replacingServices: Set<String> = []
    /// Variables used without default that neither the environment nor `.env` defines.
    public var unresolvedVariables: [Located<String>] = []
    /// Variables written as required (`${VAR:?message}`, `${VAR?message}`) that nothing defines here: Compose refuses
    /// to start until they are set, as the author intended.
    public var requiredVariables: [Located<String>] = []

    public init() {}

    public func service(named name: String) -> Service? {
        if let index = serviceIndex[name], index < services.count, services[index].name == name { return services[index] }
        // A fresh index that lacks the name is an answer; a stale one needs a search.
        if serviceIndex.count == services.count { return nil }
        return services.first { $0.name == name }
    }
}
