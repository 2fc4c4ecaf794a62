import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// Service roles (issue #18 item 1): what each service does, with the evidence, derived once per project.
@Suite("Service roles")
struct ServiceRoleTests {
    static let compose = """
        services:
          migrate:
            image: example/app:1.4
            command: python manage.py migrate
          setup:
            image: alpine:3.20
          app:
            image: example/app:1.4
            ports: ["8000:8000"]
            restart: unless-stopped
            depends_on:
              setup: {condition: service_completed_successfully}
            environment:
              CELERY_BROKER_URL: redis://queue:6379/0
          tasks:
            image: example/app:1.4
            command: ["celery", "-A", "shop", "worker", "-l", "info"]
          events-consumer:
            image: example/app:1.4
          queue:
            image: redis:7.4
          cache:
            image: redis:7.4
          db:
            image: postgres:16
          edge:
            image: nginx:1.27
          api:
            image: example/api:2
          init-db:
            image: example/app:1.4
            restart: always
          airflow-cli:
            image: apache/airflow:3.0.2
            profiles: [debug]
        """

    static func roles() throws -> [String: ServiceRole] {
        let project = try ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": compose])).load(root: ".")
        return Dictionary(uniqueKeysWithValues: project.services.map { ($0.name, project.role(of: $0)) })
    }

    @Test(arguments: [
        ("migrate", ServiceRole.Kind.job, "it runs migrations"),
        ("setup", .job, "a service waits for it to complete"),
        ("app", .server, "it publishes port 8000"),
        ("tasks", .worker, "its command runs `celery … worker`"),
        ("events-consumer", .worker, "its name (`consumer`)"),
        ("queue", .queue, "image `redis` (redis), named by a client's broker URL or as its memory cache"),
        ("cache", .cache, "image `redis` (redis)"),
        ("db", .database, "image `postgres` (postgres)"),
        ("edge", .proxy, "image `nginx` (web servers and proxies)"),
        ("api", .server, "long-running: no sign of a job, a worker or a known image"),
        ("init-db", .server, "long-running: no sign of a job, a worker or a known image"),
        ("airflow-cli", .job, "its name"),
    ])
    func eachServiceHasARoleAndItsEvidence(service: String, kind: ServiceRole.Kind, evidence: String) throws {
        let role = try #require(try Self.roles()[service])
        #expect(role.kind == kind, "\(service): \(role.evidence)")
        #expect(role.evidence == evidence)
    }

    /// Only jobs are not long-running: the habit rules ask nothing of them.
    @Test func onlyJobsAreNotLongRunning() throws {
        let roles = try Self.roles()
        #expect(Set(roles.filter { !$0.value.isLongRunning }.keys) == ["migrate", "setup", "airflow-cli"])
    }

    /// A development stack (a dev container's folder, a `*.dev.yml` file) is asked no habits; `devops` is no such folder.
    @Test(arguments: [
        (".devcontainer", "compose.yaml", true), ("docker/devenv", "docker-compose.yml", true),
        ("app", "docker-compose.dev.yml", true), ("devops", "compose.yaml", false), ("app", "compose.yaml", false),
    ])
    func developmentStacksAreAskedNoHabits(folder: String, file: String, development: Bool) throws {
        let compose = "services:\n  web:\n    image: nginx:1.27\n"
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["\(folder)/\(file)": compose]))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: folder, files: ["\(folder)/\(file)"])
        #expect((project.developmentStackEvidence != nil) == development, "\(folder)/\(file)")
        let habits = Linter(rules: [NoResourceLimitsRule(), NoRestartPolicyRule(), NoNewPrivilegesMissingRule()]).audit(project).findings
        #expect(habits.isEmpty == development, "\(habits.map(\.ruleID))")
    }
}
