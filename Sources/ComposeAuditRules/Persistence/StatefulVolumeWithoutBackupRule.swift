import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA105: data volumes and nothing that backs them up.
public struct StatefulVolumeWithoutBackupRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA105", name: "stateful-volume-without-backup", category: .persistence, severity: .info,
        subject: "project",
        summary: "Stateful services keep data in volumes and nothing in the project (service, label or script) backs them up",
        rationale: """
            A volume survives restarts, not a deleted volume, a broken disk or a bad migration. A backup \
            service on a schedule (a `pg_dumpall`/`mysqldump`/`mongodump` container, or a volume-backup \
            image) with retention, and a tested restore, is what makes the data durable.
            """,
        triggering: [
            RuleExample("a database and no backup", files: ["compose.yaml": """
                services:
                  ↓db:
                    image: postgres:16
                    volumes: ["pgdata:/var/lib/postgresql/data"]
                volumes:
                  pgdata:
                """]),
        ],
        nonTriggering: [
            RuleExample("caches and queues: an evicting cache, a Celery broker, Nextcloud's memory cache", files: ["compose.yaml": """
                services:
                  cache:
                    image: redis:7.2
                    command: redis-server --maxmemory 256mb --maxmemory-policy allkeys-lru
                    volumes: ["lru:/data"]
                  queue:
                    image: redis:7.2
                    volumes: ["queue:/data"]
                  locks:
                    image: valkey/valkey:8
                    volumes: ["locks:/data"]
                  worker:
                    image: example/app:1.0
                    environment:
                      CELERY_BROKER_URL: redis://queue:6379/0
                  nextcloud:
                    image: nextcloud:29-apache
                    environment:
                      REDIS_HOST: locks
                volumes:
                  lru:
                  queue:
                  locks:
                """]),
            RuleExample("a backup service", files: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    volumes: ["pgdata:/var/lib/postgresql/data"]
                  db-backup:
                    image: prodrigestivill/postgres-backup-local:16
                    environment:
                      POSTGRES_HOST: db
                volumes:
                  pgdata:
                """]),
            RuleExample("a backup script in the project", files: [
                "compose.yaml": """
                    services:
                      db:
                        image: mariadb:11
                        volumes: ["dbdata:/var/lib/mysql"]
                    volumes:
                      dbdata:
                    """,
                "scripts/backup.sh": "#!/bin/sh\ndocker compose exec db mariadb-dump --all-databases > backup.sql\n",
            ]),
        ],
        fixTitle: "Add a `<service>-backup` job (profile `backup`) that writes one dump into ./backups each time it runs, with ./backups kept out of git and builds",
        fixSafety: .unsafe(.inventsValue, consequence: "Adds a backup job (profile `backup`) that writes one dump into ./backups per run (kept out of git and builds); the schedule and the retention are yours to add (cron, a timer)", modelParts: ["services.*"]),
        corrections: [
            RuleCorrection("a pg_dumpall job, credentials taken from the database's own settings; dumps kept out of git by backups/.gitignore", before: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                    volumes: ["pgdata:/var/lib/postgresql/data"]
                volumes:
                  pgdata:
                """], after: ["compose.yaml": """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                    volumes: ["pgdata:/var/lib/postgresql/data"]
                  # compose-audit: disable=CA301,CA302 -- a dump's memory grows with the database: size it yourself
                  db-backup:
                    image: postgres:16
                    profiles: ["backup"]
                    restart: "no"
                    depends_on: [db]
                    environment:
                      PGUSER: app
                      PGPASSWORD: ${DB_PASSWORD}
                    volumes:
                      - ./backups:/backups
                    entrypoint: ["sh", "-c", "pg_dumpall -h db | gzip > /backups/db-$$(date +%Y%m%d-%H%M%S).sql.gz"]
                    security_opt:
                      - no-new-privileges:true
                volumes:
                  pgdata:
                """, "backups/.gitignore": "*\n!.gitignore\n"]),
            RuleCorrection("the compose folder is a build context: ./backups stays out of it", before: [
                "compose.yaml": "services:\n  app:\n    build: .\n  sessions:\n    image: redis:7.2\n    volumes: [\"sessions:/data\"]\nvolumes:\n  sessions:\n",
                "Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
                ".dockerignore": ".git\n",
            ], after: [
                "compose.yaml": "services:\n  app:\n    build: .\n  sessions:\n    image: redis:7.2\n    volumes: [\"sessions:/data\"]\n  # compose-audit: disable=CA301,CA302 -- a dump's memory grows with the database: size it yourself\n  sessions-backup:\n    image: redis:7.2\n    profiles: [\"backup\"]\n    restart: \"no\"\n    depends_on: [sessions]\n    volumes:\n      - ./backups:/backups\n    entrypoint: [\"sh\", \"-c\", \"redis-cli -h sessions --rdb /backups/sessions-$$(date +%Y%m%d-%H%M%S).rdb\"]\n    security_opt:\n      - no-new-privileges:true\nvolumes:\n  sessions:\n",
                "backups/.gitignore": "*\n!.gitignore\n",
                ".dockerignore": ".git\nbackups/\n",
            ]),
        ]
    )

    static func mentionsBackup(_ text: String) -> Bool {
        ["backup", "restic", "borgmatic", "pgbackrest", "wal-g", "barman"].contains { text.containsIgnoringASCIICase($0) }
    }

    /// Counted once for the project, which needs a backup as soon as one service keeps data in a volume.
    public static var countsOncePerProject: Bool { true }

    public func judge(_ service: Service, in project: Project) -> Verdict {
        // A cache or a broker's queue is rebuilt by its clients: nothing to restore from a backup.
        guard let (image, directories) = DataDirectoryResolver(project: project).dataDirectories(of: service),
              !StatefulServiceWithoutVolumeRule.isDisposableCache(service, image: image, project: project) else { return .notApplicable }
        let mounts = service.volumes.filter { mount in (mount.kind == .volume || mount.kind == .bind) && directories.contains(where: mount.covers) }
        guard !mounts.isEmpty else { return .notApplicable }
        guard !hasBackupScript(project) else { return .passes }
        let clients = project.clientIndex()[service.name] ?? []
        let sources = Set(mounts.compactMap(\.source))
        let covered = backupServices(of: project).contains { backup in
            clients.contains(backup.name) || backup.volumes.contains { $0.source.map(sources.contains) ?? false }
        }
        guard !covered else { return .passes }
        return .fails(Violation("Service `\(service.name)` keeps data in a volume and nothing in the project backs it up",
                                at: service.location, fix: BackupServiceFix(project: project, service: service, image: image).fix()))
    }

    /// Services that look like backups by their name, image, labels or profiles.
    private func backupServices(of project: Project) -> [Service] {
        project.memo.value("CA105.backupServices") {
            project.services.filter { service in
                Self.mentionsBackup(service.name) || Self.mentionsBackup(service.image?.value ?? "")
                    || service.labels.keys.contains(where: Self.mentionsBackup) || service.profiles.contains(where: Self.mentionsBackup)
            }
        }
    }

    /// A file named like a backup script (`backup.sh`, `scripts/docker_backup.py`) in the project folder or one
    /// level below; a folder named `backups` is where dumps go, not what makes them.
    private func hasBackupScript(_ project: Project) -> Bool {
        project.host.nearbyFiles.contains { path in
            let name = PathName.lastComponent(of: path)
            guard Self.mentionsBackup(name) else { return false }
            return [".sh", ".bash", ".py", ".rb", ".js", ".ps1"].contains { name.hasSuffix($0) } || !name.contains(".")
        }
    }
}
