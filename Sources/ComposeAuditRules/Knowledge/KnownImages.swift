import ComposeAuditCore
/// What the tool knows about well-known images, in one place. Rules ask this table; they never
/// match image names themselves.
///
/// - `names`: repository names (last path component) the entry covers.
/// - `dataDirectories`: where the server keeps its data in the container (any one mounted counts).
/// - `dataDirectoryOverride`: how a user moves it (an environment variable or a command-line flag).
/// - `ports`: the ports the service listens on.
public struct KnownImage: Sendable {
    public enum Kind: String, Sendable {
        case database, cache, broker, search, objectStore, coordination, reverseProxy, adminUI, monitoring
    }

    public var kind: Kind
    public var names: [String]
    public var dataDirectories: [String]
    public var environmentOverride: String?
    public var flagOverride: String?
    /// Executables that mean the container runs the server (not a client such as `psql`).
    public var serverCommands: [String]
    public var ports: [String]

    public var isStateful: Bool { !dataDirectories.isEmpty }
}

public enum KnownImages {
    public static let all: [KnownImage] = [
        KnownImage(kind: .database, names: ["postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector"],
                   dataDirectories: ["/var/lib/postgresql/data"], environmentOverride: "PGDATA", flagOverride: "-D",
                   serverCommands: ["postgres", "docker-entrypoint.sh"], ports: ["5432"]),
        KnownImage(kind: .database, names: ["mysql", "mariadb", "percona", "percona-server", "mysql-server"],
                   dataDirectories: ["/var/lib/mysql"], flagOverride: "--datadir",
                   serverCommands: ["mysqld", "mariadbd", "docker-entrypoint.sh"], ports: ["3306"]),
        KnownImage(kind: .database, names: ["mongo", "mongodb", "mongodb-community-server"],
                   dataDirectories: ["/data/db"], flagOverride: "--dbpath",
                   serverCommands: ["mongod", "docker-entrypoint.sh"], ports: ["27017"]),
        KnownImage(kind: .cache, names: ["redis", "valkey", "keydb", "redis-stack", "redis-stack-server"],
                   dataDirectories: ["/data"], flagOverride: "--dir",
                   serverCommands: ["redis-server", "valkey-server", "keydb-server", "redis-stack-server", "docker-entrypoint.sh"],
                   ports: ["6379"]),
        KnownImage(kind: .search, names: ["elasticsearch"], dataDirectories: ["/usr/share/elasticsearch/data"],
                   serverCommands: ["elasticsearch", "/usr/local/bin/docker-entrypoint.sh", "eswrapper"], ports: ["9200", "9300"]),
        KnownImage(kind: .search, names: ["opensearch"], dataDirectories: ["/usr/share/opensearch/data"],
                   serverCommands: ["opensearch", "./opensearch-docker-entrypoint.sh"], ports: ["9200", "9600"]),
        KnownImage(kind: .broker, names: ["rabbitmq"], dataDirectories: ["/var/lib/rabbitmq"],
                   serverCommands: ["rabbitmq-server", "docker-entrypoint.sh"], ports: ["5672", "15672"]),
        KnownImage(kind: .database, names: ["influxdb"], dataDirectories: ["/var/lib/influxdb", "/var/lib/influxdb2"],
                   serverCommands: ["influxd"], ports: ["8086"]),
        KnownImage(kind: .database, names: ["clickhouse-server", "clickhouse"], dataDirectories: ["/var/lib/clickhouse"],
                   serverCommands: ["clickhouse-server", "/entrypoint.sh"], ports: ["8123", "9000"]),
        KnownImage(kind: .database, names: ["cassandra", "scylla"], dataDirectories: ["/var/lib/cassandra", "/var/lib/scylla"],
                   serverCommands: ["cassandra", "scylla"], ports: ["9042"]),
        KnownImage(kind: .database, names: ["neo4j"], dataDirectories: ["/data"], serverCommands: ["neo4j"], ports: ["7474", "7687"]),
        KnownImage(kind: .objectStore, names: ["minio"], dataDirectories: ["/data"], serverCommands: ["minio", "server"],
                   ports: ["9000", "9001"]),
        KnownImage(kind: .coordination, names: ["etcd"], dataDirectories: ["/etcd-data", "/bitnami/etcd"],
                   environmentOverride: "ETCD_DATA_DIR", flagOverride: "--data-dir", serverCommands: ["etcd", "/usr/local/bin/etcd"],
                   ports: ["2379"]),
        KnownImage(kind: .coordination, names: ["zookeeper", "cp-zookeeper"], dataDirectories: ["/data", "/var/lib/zookeeper/data"],
                   serverCommands: ["zkServer.sh"], ports: ["2181"]),
        KnownImage(kind: .broker, names: ["kafka", "cp-kafka", "cp-server"],
                   dataDirectories: ["/var/lib/kafka/data", "/bitnami/kafka", "/tmp/kraft-combined-logs"],
                   environmentOverride: "KAFKA_LOG_DIRS", serverCommands: ["kafka-server-start.sh", "/etc/confluent/docker/run"],
                   ports: ["9092"]),
        KnownImage(kind: .database, names: ["couchdb"], dataDirectories: ["/opt/couchdb/data"], serverCommands: ["couchdb"],
                   ports: ["5984"]),
        KnownImage(kind: .database, names: ["mssql-server", "server"], dataDirectories: ["/var/opt/mssql"],
                   serverCommands: ["/opt/mssql/bin/sqlservr"], ports: ["1433"]),
        KnownImage(kind: .cache, names: ["memcached"], dataDirectories: [], serverCommands: ["memcached"], ports: ["11211"]),
        KnownImage(kind: .reverseProxy, names: ["nginx", "nginx-unprivileged", "openresty", "caddy", "traefik", "haproxy", "httpd", "envoy"],
                   dataDirectories: [], serverCommands: [], ports: ["80", "443"]),
        KnownImage(kind: .adminUI, names: ["pgadmin4", "adminer", "phpmyadmin", "mongo-express", "redis-commander", "redisinsight", "portainer", "portainer-ce"],
                   dataDirectories: [], serverCommands: [], ports: []),
        KnownImage(kind: .monitoring, names: ["grafana", "prometheus", "alertmanager", "loki"], dataDirectories: [],
                   serverCommands: [], ports: []),
    ]

    /// Known-good health checks (the `test:` list, compose-escaped) for images that ship the tool they need.
    public static func healthcheckTest(for image: String) -> String? {
        let name = ImageReference(image).name
        switch name {
        case "postgres", "postgis", "timescaledb", "pgvector":
            return #"["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]"#
        case "redis", "redis-stack", "redis-stack-server": return #"["CMD", "redis-cli", "ping"]"#
        case "valkey": return #"["CMD", "valkey-cli", "ping"]"#
        case "mariadb": return #"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#
        case "mysql", "percona", "percona-server": return #"["CMD", "mysqladmin", "ping", "-h", "localhost"]"#
        case "mongo": return #"["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]"#
        case "rabbitmq": return #"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#
        case "memcached": return nil
        default: return nil
        }
    }

    /// Images whose own Dockerfile declares a HEALTHCHECK.
    static let builtInHealthchecks: Set<String> = ["gitlab-ce", "gitlab-ee", "vaultwarden", "authelia", "pihole"]

    public static func hasBuiltInHealthcheck(_ image: String) -> Bool {
        let reference = ImageReference(image)
        if reference.repository == "vaultwarden/server" { return true }
        return builtInHealthchecks.contains(reference.name)
    }

    /// The entry for an image reference, if it is a known image. `mssql/server` needs its namespace.
    /// Answers are kept per image string: a project names the same few images many times, and every rule asks.
    public static func entry(for image: String) -> KnownImage? {
        entries.value(for: image) { () -> KnownImage? in
            let reference = ImageReference(image)
            if reference.name == "server" && reference.namespace != "mssql" { return nil }
            if reference.namespace == "bitnami" { return bitnamiEntry(reference) }
            return byName[reference.name].map { all[$0] }
        }
    }

    private static let entries = SharedCache<String, KnownImage?>()

    /// The first entry naming each image name (the order of `all` decides, as a search would).
    private static let byName: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, entry) in all.enumerated() {
            for name in entry.names where index[name] == nil { index[name] = position }
        }
        return index
    }()

    /// Bitnami images keep data under `/bitnami/<name>`.
    private static func bitnamiEntry(_ reference: ImageReference) -> KnownImage? {
        guard var entry = byName[reference.name].map({ all[$0] }) else { return nil }
        if entry.isStateful { entry.dataDirectories = ["/bitnami/\(reference.name)", "/bitnami"] }
        return entry
    }
}
