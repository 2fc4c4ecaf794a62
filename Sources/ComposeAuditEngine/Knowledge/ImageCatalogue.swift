import ComposeAuditCore

/// The image families the tool knows, as data. Each image name (with its namespace where one is required)
/// belongs to exactly one family; a test checks it.
public enum ImageCatalogue {
    static let redisServers = ["redis-server", "valkey-server", "keydb-server", "redis-stack-server", "docker-entrypoint.sh"]
    static let redisPersistence = ImageFamily.PersistenceSwitches(appendOnlyFlag: "--appendonly", snapshotFlag: "--save",
                                                                  evictionPolicyFlag: "--maxmemory-policy", keepingPolicy: "noeviction")

    public static let families: [ImageFamily] = [
        ImageFamily(family: "postgres", kind: .database,
                    names: ["postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector"],
                    dataDirectories: ["/var/lib/postgresql/data"], dataDirectoryVariable: "PGDATA", dataDirectoryFlag: "-D",
                    serverCommands: ["postgres", "docker-entrypoint.sh"], ports: ["5432"],
                    healthcheck: #"["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]"#, backup: .postgres, dropsPrivileges: true),
        ImageFamily(family: "mysql", kind: .database, names: ["mysql", "percona", "percona-server", "mysql-server"],
                    dataDirectories: ["/var/lib/mysql"], dataDirectoryFlag: "--datadir",
                    serverCommands: ["mysqld", "mariadbd", "docker-entrypoint.sh"], ports: ["3306"],
                    healthcheck: #"["CMD", "mysqladmin", "ping", "-h", "localhost"]"#, backup: .mysql(tool: "mysqldump"), dropsPrivileges: true),
        ImageFamily(family: "mariadb", kind: .database, names: ["mariadb"],
                    dataDirectories: ["/var/lib/mysql"], dataDirectoryFlag: "--datadir",
                    serverCommands: ["mysqld", "mariadbd", "docker-entrypoint.sh"], ports: ["3306"],
                    healthcheck: #"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#, backup: .mysql(tool: "mariadb-dump"), dropsPrivileges: true),
        ImageFamily(family: "mongo", kind: .database, names: ["mongo", "mongodb", "mongodb-community-server"],
                    dataDirectories: ["/data/db"], dataDirectoryFlag: "--dbpath",
                    serverCommands: ["mongod", "docker-entrypoint.sh"], ports: ["27017"],
                    healthcheck: #"["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]"#, backup: .mongo, dropsPrivileges: true),
        ImageFamily(family: "redis", kind: .cache, names: ["redis", "redis-stack", "redis-stack-server"],
                    dataDirectories: ["/data"], dataDirectoryFlag: "--dir", serverCommands: redisServers, ports: ["6379"],
                    healthcheck: #"["CMD", "redis-cli", "ping"]"#, backup: .redis, persistence: redisPersistence, dropsPrivileges: true),
        ImageFamily(family: "valkey", kind: .cache, names: ["valkey"],
                    dataDirectories: ["/data"], dataDirectoryFlag: "--dir", serverCommands: redisServers, ports: ["6379"],
                    healthcheck: #"["CMD", "valkey-cli", "ping"]"#, backup: .redis, persistence: redisPersistence, dropsPrivileges: true),
        ImageFamily(family: "keydb", kind: .cache, names: ["keydb"],
                    dataDirectories: ["/data"], dataDirectoryFlag: "--dir", serverCommands: redisServers, ports: ["6379"],
                    backup: .redis, persistence: redisPersistence),
        ImageFamily(family: "memcached", kind: .cache, names: ["memcached"], serverCommands: ["memcached"], ports: ["11211"]),
        ImageFamily(family: "elasticsearch", kind: .search, names: ["elasticsearch"], dataDirectories: ["/usr/share/elasticsearch/data"],
                    serverCommands: ["elasticsearch", "/usr/local/bin/docker-entrypoint.sh", "eswrapper"], ports: ["9200", "9300"],
                    runsAsNonRoot: true),
        ImageFamily(family: "opensearch", kind: .search, names: ["opensearch"], dataDirectories: ["/usr/share/opensearch/data"],
                    serverCommands: ["opensearch", "./opensearch-docker-entrypoint.sh"], ports: ["9200", "9600"], runsAsNonRoot: true),
        ImageFamily(family: "rabbitmq", kind: .broker, names: ["rabbitmq"], dataDirectories: ["/var/lib/rabbitmq"],
                    serverCommands: ["rabbitmq-server", "docker-entrypoint.sh"], ports: ["5672", "15672"],
                    healthcheck: #"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#,
                    admin: .init(product: "RabbitMQ", passwordVariables: ["RABBITMQ_DEFAULT_PASS", "RABBITMQ_DEFAULT_PASS_FILE"],
                                 passwordFlags: [], defaultPassword: "guest")),
        ImageFamily(family: "influxdb", kind: .database, names: ["influxdb"], dataDirectories: ["/var/lib/influxdb", "/var/lib/influxdb2"],
                    serverCommands: ["influxd"], ports: ["8086"]),
        ImageFamily(family: "clickhouse", kind: .database, names: ["clickhouse-server", "clickhouse"], dataDirectories: ["/var/lib/clickhouse"],
                    serverCommands: ["clickhouse-server", "/entrypoint.sh"], ports: ["8123", "9000"], dropsPrivileges: true),
        ImageFamily(family: "cassandra", kind: .database, names: ["cassandra", "scylla"],
                    dataDirectories: ["/var/lib/cassandra", "/var/lib/scylla"], serverCommands: ["cassandra", "scylla"], ports: ["9042"]),
        ImageFamily(family: "neo4j", kind: .database, names: ["neo4j"], dataDirectories: ["/data"], serverCommands: ["neo4j"],
                    ports: ["7474", "7687"]),
        ImageFamily(family: "minio", kind: .objectStore, names: ["minio"], dataDirectories: ["/data"], dataDirectoryArgumentOf: "server",
                    serverCommands: ["minio", "server"], ports: ["9000", "9001"],
                    admin: .init(product: "MinIO", passwordVariables: ["MINIO_ROOT_PASSWORD", "MINIO_ROOT_PASSWORD_FILE", "MINIO_SECRET_KEY"],
                                 passwordFlags: [], defaultPassword: "minioadmin")),
        ImageFamily(family: "etcd", kind: .coordination, names: ["etcd"], dataDirectories: ["/etcd-data", "/bitnami/etcd"],
                    dataDirectoryVariable: "ETCD_DATA_DIR", dataDirectoryFlag: "--data-dir", serverCommands: ["etcd", "/usr/local/bin/etcd"],
                    ports: ["2379"]),
        ImageFamily(family: "zookeeper", kind: .coordination, names: ["zookeeper", "cp-zookeeper"],
                    dataDirectories: ["/data", "/var/lib/zookeeper/data"], serverCommands: ["zkServer.sh"], ports: ["2181"]),
        ImageFamily(family: "kafka", kind: .broker, names: ["kafka", "cp-kafka", "cp-server"],
                    dataDirectories: ["/var/lib/kafka/data", "/bitnami/kafka", "/tmp/kraft-combined-logs"],
                    dataDirectoryVariable: "KAFKA_LOG_DIRS", serverCommands: ["kafka-server-start.sh", "/etc/confluent/docker/run"],
                    ports: ["9092"]),
        ImageFamily(family: "couchdb", kind: .database, names: ["couchdb"], dataDirectories: ["/opt/couchdb/data"], serverCommands: ["couchdb"],
                    ports: ["5984"]),
        ImageFamily(family: "mssql", kind: .database, names: ["mssql-server", "server"], namespace: "mssql", dataDirectories: ["/var/opt/mssql"],
                    serverCommands: ["/opt/mssql/bin/sqlservr"], ports: ["1433"]),
        ImageFamily(family: "web servers and proxies", kind: .reverseProxy,
                    names: ["nginx", "nginx-unprivileged", "openresty", "caddy", "traefik", "haproxy", "httpd", "envoy"], ports: ["80", "443"]),
        ImageFamily(family: "pgadmin", kind: .adminUI, names: ["pgadmin4"],
                    admin: .init(product: "pgAdmin", passwordVariables: ["PGADMIN_DEFAULT_PASSWORD", "PGADMIN_DEFAULT_PASSWORD_FILE"],
                                 passwordFlags: [], defaultPassword: nil)),
        ImageFamily(family: "portainer", kind: .adminUI, names: ["portainer", "portainer-ce", "portainer-ee"],
                    admin: .init(product: "Portainer", passwordVariables: [], passwordFlags: ["--admin-password", "--admin-password-file"],
                                 defaultPassword: nil)),
        ImageFamily(family: "mongo-express", kind: .adminUI, names: ["mongo-express"],
                    admin: .init(product: "mongo-express", passwordVariables: ["ME_CONFIG_BASICAUTH_PASSWORD"], passwordFlags: [],
                                 defaultPassword: "pass")),
        ImageFamily(family: "database admin UIs", kind: .adminUI, names: ["adminer", "phpmyadmin", "redis-commander", "redisinsight"]),
        ImageFamily(family: "grafana", kind: .monitoring, names: ["grafana", "grafana-oss", "grafana-enterprise"],
                    admin: .init(product: "Grafana", passwordVariables: ["GF_SECURITY_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD__FILE"],
                                 passwordFlags: [], defaultPassword: "admin"),
                    runsAsNonRoot: true),
        ImageFamily(family: "prometheus", kind: .monitoring, names: ["prometheus", "alertmanager"], runsAsNonRoot: true),
        ImageFamily(family: "loki", kind: .monitoring, names: ["loki"], runsAsNonRoot: true),
        ImageFamily(family: "k6", kind: nil, names: ["k6"], namespace: "grafana", runsAsNonRoot: true),
        // Elastic's images run as uid 1000. Metricbeat's process metrics read other processes' `/proc/<pid>/io`,
        // which the kernel opens only to a process allowed to trace them.
        ImageFamily(family: "elastic stack", kind: nil,
                    names: ["kibana", "logstash", "filebeat", "heartbeat", "auditbeat", "packetbeat", "elastic-agent"],
                    runsAsNonRoot: true),
        ImageFamily(family: "metricbeat", kind: nil, names: ["metricbeat"], runsAsNonRoot: true, neededCapabilities: ["SYS_PTRACE"]),
        ImageFamily(family: "netdata", kind: nil, names: ["netdata"], neededCapabilities: ["SYS_PTRACE"]),
        ImageFamily(family: "gitlab", kind: nil, names: ["gitlab-ce", "gitlab-ee"], hasBuiltInHealthcheck: true),
        ImageFamily(family: "vaultwarden", kind: nil, names: ["vaultwarden"], hasBuiltInHealthcheck: true),
        ImageFamily(family: "vaultwarden server", kind: nil, names: ["server"], namespace: "vaultwarden", hasBuiltInHealthcheck: true),
        ImageFamily(family: "authelia", kind: nil, names: ["authelia"], hasBuiltInHealthcheck: true),
        // Pi-hole's DHCP server needs NET_ADMIN; a VPN sets up its tunnel's interface and routes with it.
        ImageFamily(family: "pihole", kind: nil, names: ["pihole"], hasBuiltInHealthcheck: true, neededCapabilities: ["NET_ADMIN"]),
        ImageFamily(family: "vpn", kind: nil, names: ["wireguard", "wg-easy", "gluetun", "tailscale", "openvpn", "openvpn-as", "netbird"],
                    neededCapabilities: ["NET_ADMIN"]),
        // Host namespaces their documentation asks for: discovery on the home network, Chromium's shared memory,
        // the host's processes.
        ImageFamily(family: "plex", kind: nil, names: ["plex", "pms-docker"], neededHostNamespaces: ["network"]),
        ImageFamily(family: "home assistant", kind: nil, names: ["home-assistant"], neededHostNamespaces: ["network"]),
        ImageFamily(family: "playwright", kind: nil, names: ["playwright"], neededHostNamespaces: ["ipc"]),
        ImageFamily(family: "node-exporter", kind: nil, names: ["node-exporter"], neededHostNamespaces: ["pid", "network"]),
        // Firewall managers (fail2ban, mailcow's netfilter) write the host's own packet filter: its network and the
        // capabilities that change it are their job.
        ImageFamily(family: "fail2ban", kind: nil, names: ["fail2ban"], neededCapabilities: ["NET_ADMIN", "NET_RAW"],
                    neededHostNamespaces: ["network"]),
        ImageFamily(family: "mailcow netfilter", kind: nil, names: ["netfilter"], namespace: "mailcow", neededCapabilities: ["NET_ADMIN", "NET_RAW"],
                    neededHostNamespaces: ["network"]),
        ImageFamily(family: "uptime-kuma", kind: .monitoring, names: ["uptime-kuma"], hasBuiltInHealthcheck: true),
    ]

    /// The family of an image reference, if the tool knows it. Bitnami images keep data under
    /// `/bitnami/<name>` and run as a non-root user. Answers are kept per image string: a project names the
    /// same few images many times, and every rule asks.
    public static func family(of image: String) -> ImageFamily? {
        cache.value(for: image) { () -> ImageFamily? in
            let reference = ImageReference(image)
            guard var family = index[Key(namespace: reference.namespace, name: reference.name)] ?? index[Key(namespace: nil, name: reference.name)]
            else { return nil }
            if reference.namespace == "bitnami" {
                if family.isStateful { family.dataDirectories = ["/bitnami/\(reference.name)", "/bitnami"] }
                family.runsAsNonRoot = true
            }
            return family
        }
    }

    /// The family of an image with a role (database, cache, proxy...): the images rules reason about.
    public static func knownImage(_ image: String) -> ImageFamily? {
        family(of: image).flatMap { $0.kind == nil ? nil : $0 }
    }

    struct Key: Hashable {
        var namespace: String?
        var name: String
    }

    /// Each name under the namespace its family requires (nil: any namespace).
    static let index: [Key: ImageFamily] = {
        var index: [Key: ImageFamily] = [:]
        for family in families {
            for name in family.names { index[Key(namespace: family.namespace, name: name)] = family }
        }
        return index
    }()

    private static let cache = SharedCache<String, ImageFamily?>()
}
