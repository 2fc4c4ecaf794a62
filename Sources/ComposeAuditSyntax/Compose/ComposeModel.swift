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
}

public struct ResourceSettings: Sendable, Hashable {
    public var memory: ComposeText?
    public var cpus: ComposeText?
    public var location: SourceLocation?

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
public struct Service: Sendable {
    public var name: String
    /// The service's key in the compose file.
    public var location: SourceLocation
    public var image: ComposeText?
    public var build: BuildSpec?
    public var command: CommandSpec?
    public var entrypoint: CommandSpec?
    public var environment: [EnvironmentVariable] = []
    public var envFiles: [EnvFileReference] = []
    public var ports: [PortMapping] = []
    public var volumes: [VolumeMount] = []
    public var user: ComposeText?
    public var limits: ResourceSettings = .none
    public var reservations: ResourceSettings = .none
    public var logging: LoggingSpec?
    public var healthcheck: HealthcheckSpec?
    public var restart: ComposeText?
    public var dependsOn: [ServiceDependency] = []
    public var labels: [String: ComposeText] = [:]
    public var networks: [String] = []
    public var networkMode: ComposeText?
    public var profiles: [String] = []
    public var readOnly: Bool = false
    public var hasRestartPolicyInDeploy: Bool = false
    public var privileged: ComposeText?
    /// `pid:`, `ipc:`, `userns_mode:` (network_mode is `networkMode`).
    public var pid: ComposeText?
    public var ipc: ComposeText?
    public var usernsMode: ComposeText?
    public var capAdd: [ComposeText] = []
    public var securityOpt: [ComposeText] = []
    public var links: [ComposeText] = []
    public var volumesFrom: [ComposeText] = []
    public var containerName: ComposeText?
    /// `extends:` (resolved by the project loader, which then clears it).
    public var extends: ExtendsReference?
    /// Keys tagged `!reset` (removed from what this service is merged over) and `!override` (replacing it).
    public var resetKeys: Set<String> = []
    public var overrideKeys: Set<String> = []

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
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
    /// Variables used without default that neither the environment nor `.env` defines.
    public var unresolvedVariables: [Located<String>] = []

    public init() {}

    public func service(named name: String) -> Service? {
        if let index = serviceIndex[name], index < services.count, services[index].name == name { return services[index] }
        // A fresh index that lacks the name is an answer; a stale one needs a search.
        if serviceIndex.count == services.count { return nil }
        return services.first { $0.name == name }
    }
}
