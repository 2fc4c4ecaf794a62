import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA101: a database, cache or broker whose data directory is not on a volume.
public struct StatefulServiceWithoutVolumeRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA101", name: "stateful-service-without-volume", category: .persistence, severity: .high,
        subject: "stateful service",
        summary: "A stateful service (database, cache, broker, object store) keeps its data directory inside the container",
        rationale: """
            Without a named volume or bind mount at the data directory, the data lives in the container's \
            writable layer: `docker compose down`, an image upgrade or any recreate deletes it. When the \
            service is explicitly configured to persist (redis `--appendonly yes` or `--save`), the data \
            loss is certain and the severity is critical. The data directory honours overrides such as \
            `PGDATA`, redis `--dir`, mysql `--datadir` and minio `server /path`. A cache image (Redis, Valkey, \
            KeyDB) that nothing asks to persist most often holds what its clients rebuild (a cache, a job queue: \
            immich, redash), which the files do not tell: that finding is information saying what it assumed.
            """,
        triggering: [
            RuleExample("redis with AOF persistence and no volume (critical)", files: [
                "compose.yaml": """
                    services:
                      ↓redis:
                        image: redis:7-alpine
                        command: ["redis-server", "--appendonly", "yes"]
                    """,
            ]),
            RuleExample("postgres with a volume somewhere else", files: [
                "compose.yaml": """
                    services:
                      ↓db:
                        image: postgres:16
                        volumes:
                          - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
                    """,
            ]),
            RuleExample("PGDATA moved away from the mounted folder", files: [
                "compose.yaml": """
                    services:
                      ↓db:
                        image: postgres:16
                        environment:
                          PGDATA: /pgdata
                        volumes:
                          - db-data:/var/lib/postgresql/data
                    volumes:
                      db-data:
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("a Celery broker and Nextcloud's lock store: queues and caches, not data", files: [
                "compose.yaml": """
                    services:
                      broker:
                        image: redis:7.2
                      locks:
                        image: redis:7.2-alpine
                      worker:
                        image: example/app:1.0
                        environment:
                          CELERY_BROKER_URL: redis://broker:6379/0
                      nextcloud:
                        image: nextcloud:29-apache
                        environment:
                          REDIS_HOST: locks
                        volumes: ["nextcloud:/var/www/html"]
                    volumes:
                      nextcloud:
                    """,
            ]),
            RuleExample("named volume at the data directory", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: postgres:16
                        volumes:
                          - db_data:/var/lib/postgresql/data
                      cache:
                        image: redis:7
                        volumes:
                          - type: bind
                            source: ./redis
                            target: /data
                    volumes:
                      db_data:
                    """,
            ]),
            RuleExample("a redis used as a disposable cache", files: [
                "compose.yaml": """
                    services:
                      redis-cache:
                        image: redis:7
                      sessions:
                        image: redis:7
                        command: redis-server --save "" --maxmemory-policy allkeys-lru
                    """,
            ]),
            RuleExample("a bounded Valkey whose flags come from the image's variable (penpot's notifications)", files: [
                "compose.yaml": """
                    services:
                      valkey:
                        image: valkey/valkey:8.1
                        environment:
                          - VALKEY_EXTRA_FLAGS=--maxmemory 128mb --maxmemory-policy volatile-lfu
                    """,
            ]),
            RuleExample("a parent folder mounted, memcached, and a client container", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mysql:8.4
                        volumes: ["./mysql:/var/lib"]
                      memcached:
                        image: memcached:1.6
                      migrate:
                        image: postgres:16
                        command: psql -h db -f /migrations/all.sql
                    """,
            ]),
        ],
        fixTitle: "Mount a named volume at the data directory",
        fixSafety: .unsafe(.movesData, .inventsValue, consequence: "The service starts with a new, empty named volume: data it wrote so far (in the container or an image VOLUME) is not carried over; copy it first", modelParts: ["services.*.volumes", "volumes"]),
        corrections: [
            RuleCorrection("a volume in the service and under top-level volumes, in the file's naming style", before: ["compose.yaml": """
                services:
                  redis:
                    image: redis:7-alpine
                    command: ["redis-server", "--appendonly", "yes"]
                    networks:
                      - backend
                  db:
                    image: postgres:16
                    volumes:
                      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro

                volumes:
                  pg-backups:
                    driver: local
                """], after: ["compose.yaml": """
                services:
                  redis:
                    image: redis:7-alpine
                    command: ["redis-server", "--appendonly", "yes"]
                    networks:
                      - backend
                    volumes:
                      - redis-data:/data
                  db:
                    image: postgres:16
                    volumes:
                      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
                      - db-data:/var/lib/postgresql/data

                volumes:
                  pg-backups:
                    driver: local
                  redis-data:
                  db-data:
                """]),
            RuleCorrection("no top-level volumes yet", before: ["compose.yaml": """
                services:
                  mongo:
                    image: mongo:7
                """], after: ["compose.yaml": """
                services:
                  mongo:
                    image: mongo:7
                    volumes:
                      - mongo_data:/data/db

                volumes:
                  mongo_data:
                """]),
        ]
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let (image, directories) = DataDirectoryResolver(project: project).dataDirectories(of: service),
              !Self.isDisposableCache(service, image: image, project: project) else { return .notApplicable }
        let persistentMounts = service.volumes.filter { $0.kind == .bind || $0.kind == .volume || $0.kind == .tmpfs || $0.kind == .anonymous }
        guard !directories.contains(where: { directory in persistentMounts.contains { $0.covers(directory) } }) else { return .passes }
        let explicit = Self.persistenceIsExplicit(service, image: image, project: project)
        let directory = directories[0]
        let assumedCache = explicit == nil && image.kind == .cache
        let reason = explicit.map { " although it is configured to persist (\($0))" }
            ?? (assumedCache ? " (information: a cache image nothing asks to persist; mount one if it holds more than a cache or a job queue)" : "")
        let fix = ComposeEditing(project, service: service).flatMap { editing -> Fix? in
            let name = editing.dataVolumeName(for: service.name)
            return editing.mountNamedVolume(service, name: name, target: directory).map {
                Fix("Mount volume `\(name)` at `\(directory)`", applicability: .unsafe, changes: [$0])
            }
        }
        return .fails(Violation("Service `\(service.name)` keeps its data in `\(directory)` but mounts no volume there\(reason)",
                                at: service.location, severity: explicit != nil ? .critical : assumedCache ? .info : nil, fix: fix))
    }

    /// A cache used as a throw-away store: persistence switched off (`--save ""` without AOF), an eviction
    /// policy (any but `noeviction`: it drops keys when memory is full), a service named `*cache*`, or one its clients use as a message broker
    /// (`CELERY_BROKER_URL: redis://broker:6379/0`) or as Nextcloud's memory cache and lock store (`REDIS_HOST`),
    /// as long as it does not ask for persistence.
    static func isDisposableCache(_ service: Service, image: ImageFamily, project: Project) -> Bool {
        guard let switches = image.persistence, persistenceIsExplicit(service, image: image, project: project) == nil else { return false }
        if isBrokerOrMemoryCache(service, project: project) { return true }
        let words = serverWords(of: service, project: project)
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word == switches.snapshotFlag, next == nil || next == "" || next?.hasPrefix("--") == true { return true }
            if word == switches.evictionPolicyFlag, let next, next != switches.keepingPolicy { return true }
        }
        return service.name.lowercased().contains("cache")
    }

    /// Whether a client names the service in a `*BROKER*` URL, or a Nextcloud service names it as `REDIS_HOST`.
    static func isBrokerOrMemoryCache(_ service: Service, project: Project) -> Bool {
        brokersAndMemoryCaches(in: project).contains(service.name)
    }

    /// The hosts of every `*BROKER*` URL and every Nextcloud `REDIS_HOST`, gathered once per project.
    static func brokersAndMemoryCaches(in project: Project) -> Set<String> {
        project.memo.value("CA101.brokersAndMemoryCaches") {
            var hosts: Set<String> = []
            for client in project.services {
                let image = client.image?.value ?? ""
                let isNextcloud = image.containsIgnoringASCIICase("nextcloud") && ImageReference(image).repository.hasSuffix("nextcloud")
                for variable in client.environment {
                    if variable.name.containsIgnoringASCIICase("broker"), let value = variable.value?.value, let host = urlHost(value) {
                        hosts.insert(host)
                    }
                    if isNextcloud, variable.name == "REDIS_HOST", let value = variable.value?.value { hosts.insert(value) }
                }
            }
            return hosts
        }
    }

    /// `redis://:secret@queue:6379/0` gives `queue`; nil for a value that is not a URL.
    static func urlHost(_ value: String) -> String? {
        guard let scheme = value.firstRange(of: "://") else { return nil }
        var rest = value[scheme.upperBound...]
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : String(rest)
    }

    /// A cache started with append-only persistence (`--appendonly yes`) or a non-empty snapshot schedule (`--save 60 1`).
    /// The words the server is started with: its command's, then the flags an `*_EXTRA_FLAGS` variable adds
    /// (`VALKEY_EXTRA_FLAGS=--maxmemory 128mb`, read by the Valkey and Bitnami images' entrypoints).
    static func serverWords(of service: Service, project: Project) -> [String] {
        let command = project.invocations(of: service).flatMap(\.simpleCommands).flatMap { $0 }
        let extra = service.environment.filter { $0.name.hasSuffix("_EXTRA_FLAGS") }.compactMap(\.value?.value)
        return command + extra.flatMap { $0.split(separator: " ").map(String.init) }
    }

    static func persistenceIsExplicit(_ service: Service, image: ImageFamily, project: Project) -> String? {
        guard let switches = image.persistence else { return nil }
        let words = serverWords(of: service, project: project)
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word == switches.appendOnlyFlag, next?.lowercased() == "yes" { return "\(word) yes" }
            if word == switches.snapshotFlag, let next, !next.isEmpty, !next.hasPrefix("--") { return "\(word) \(next)" }
        }
        return nil
    }
}
