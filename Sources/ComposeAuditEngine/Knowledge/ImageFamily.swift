import ComposeAuditCore

/// Everything the tool knows about one family of images (postgres and its variants, redis, Grafana...): rules
/// ask it capability questions and never match image names themselves. The records are in `ImageCatalogue`.
public struct ImageFamily: Sendable {
    /// The role a family's server plays in a stack.
    public enum Kind: String, Sendable {
        case database, cache, broker, search, objectStore, coordination, reverseProxy, adminUI, monitoring
    }

    /// How a dump of the family's data is made (the backup fix writes it with the image's own client).
    public enum BackupRecipe: Sendable, Equatable {
        case postgres
        /// `mysqldump` or `mariadb-dump`.
        case mysql(tool: String)
        case mongo
        case redis
    }

    /// The switches that say whether a cache keeps its data (`--appendonly yes`, `--save 60 1`) or is
    /// disposable (`--save ""`, an eviction policy).
    public struct PersistenceSwitches: Sendable {
        public var appendOnlyFlag: String
        public var snapshotFlag: String
        public var evictionPolicyFlag: String
        /// The one eviction policy that keeps every key; any other drops keys when memory is full, so the data
        /// is a cache, not a store.
        public var keepingPolicy: String
    }

    /// Admin credentials an image ships with, and how a compose file replaces them.
    public struct AdminCredentials: Sendable {
        public var product: String
        /// Variables that set the admin password (any one set to a non-weak value is enough).
        public var passwordVariables: [String]
        /// Command-line flags that set it instead.
        public var passwordFlags: [String]
        /// The password used when nothing is set (nil when the product asks the first visitor instead).
        public var defaultPassword: String?
    }

    /// A short name for the family (`postgres`), for tests and messages.
    public var family: String
    /// The role, nil for images the tool knows only a fact about (a built-in healthcheck).
    public var kind: Kind?
    /// Repository names (the last path component) the family covers.
    public var names: [String]
    /// When set, a name belongs to the family only under this namespace (`mssql/server`, `vaultwarden/server`).
    public var namespace: String?
    /// Where the server keeps its data in the container (any one mounted counts); empty for stateless images.
    public var dataDirectories: [String] = []
    /// A variable that moves the data directory (`PGDATA`).
    public var dataDirectoryVariable: String?
    /// A flag that moves it (`--dir /x`, `-D /x`).
    public var dataDirectoryFlag: String?
    /// A subcommand whose first absolute-path argument is the data directory (`minio server /data`).
    public var dataDirectoryArgumentOf: String?
    /// Executables that mean the container runs the server (not a client such as `psql`); empty: any command.
    public var serverCommands: [String] = []
    public var ports: [String] = []
    /// A known-good healthcheck `test:` (compose-escaped), for images that ship the tool it needs.
    public var healthcheck: String?
    /// Whether the image's own Dockerfile declares a HEALTHCHECK.
    public var hasBuiltInHealthcheck = false
    public var backup: BackupRecipe?
    public var persistence: PersistenceSwitches?
    public var admin: AdminCredentials?
    /// Whether the image runs as an unprivileged user unless told otherwise (Grafana as 472, Elasticsearch as 1000).
    public var runsAsNonRoot = false
    /// Capabilities the image cannot do its job without (a VPN's or a DHCP server's `NET_ADMIN`), as its
    /// documentation asks for them.
    public var neededCapabilities: Set<String> = []
    /// Whether the image's entrypoint starts as root only to run the server as its own user (`gosu postgres`,
    /// `clickhouse su`): an image built on it runs its server unprivileged without a `USER`.
    public var dropsPrivileges = false
    /// Host namespaces the image's documentation asks to share (`network` for Plex's and Home Assistant's
    /// discovery, `ipc` for Playwright's Chromium, `pid` for node-exporter's process metrics).
    public var neededHostNamespaces: Set<String> = []

    public var isStateful: Bool { !dataDirectories.isEmpty }
}
