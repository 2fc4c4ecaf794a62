import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules
import Testing

/// The habits of a stack left running (limits, log rotation, healthchecks, restart policies, no-new-privileges) are
/// asked at their rules' severities where something says the stack is left running, and are information in a stack
/// someone runs by hand (issue #18: samples, demos and test rigs, none of which sets a restart policy).
@Suite("Stack purpose")
struct StackPurposeTests {
    static let habitRules: [any Rule.Type] = [NoResourceLimitsRule.self, NoLogRotationRule.self, NoHealthcheckRule.self,
                                              NoRestartPolicyRule.self, NoNewPrivilegesMissingRule.self]

    func habits(_ files: [String: String], root: String = ".", loading paths: [String] = []) throws -> [Finding] {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: root, files: paths)
        return Linter(rules: Self.habitRules.map { $0.init() }).audit(project).findings
    }

    static let byHand = "services:\n  web:\n    image: nginx:1.27\n  api:\n    image: example/api:1.0\n"

    /// Each habit rule's triggering examples are stacks left running: they fire at the rule's own severity.
    @Test func theExamplesAreStacksLeftRunningAndFireAtTheRulesSeverity() throws {
        for rule in Self.habitRules {
            for example in rule.description.triggering {
                let found = try findings(of: rule, in: MarkedExample(example).files)
                #expect(!found.isEmpty && found.allSatisfy { $0.severity == rule.description.severity },
                        "\(rule.description.id) \(example.note): \(found.map { "\($0.severity) \($0.message)" })")
            }
        }
    }

    @Test func withoutARestartPolicyAnywhereTheHabitsAreInformationAndSayWhy() throws {
        let found = try habits(["compose.yaml": Self.byHand])
        #expect(Set(found.map(\.ruleID)) == ["CA301", "CA303", "CA304", "CA306", "CA205"])
        #expect(found.allSatisfy { $0.severity == .info }, "\(found.map(\.severity))")
        #expect(found.allSatisfy { $0.message.contains("none of its 2 long-running services has a restart policy") },
                "\(found.map(\.message))")
    }

    /// One service that restarts says the stack is left running: the others' gaps are oversights.
    @Test(arguments: ["    restart: unless-stopped\n", "    restart: on-failure\n", "    restart: ${RESTART:-always}\n",
                      "    deploy:\n      restart_policy:\n        condition: any\n", "    deploy:\n      replicas: 2\n",
                      "    deploy:\n      mode: global\n"])
    func oneServiceThatRestartsRaisesTheHabits(setting: String) throws {
        let found = try habits(["compose.yaml": Self.byHand + setting])
        #expect(found.contains { $0.ruleID == "CA306" && $0.service == "web" && $0.severity == .low }, "\(found.map(\.message))")
        #expect(found.allSatisfy { $0.severity > .info && !$0.message.contains("run by hand") }, "\(setting): \(found.map(\.message))")
    }

    /// `restart: "no"` says nothing comes back; a one-shot job's policy says nothing of the servers.
    @Test func aJobsPolicyOrNoDoesNotCount() throws {
        let job = "  migrate:\n    image: example/api:1.0\n    command: [\"./manage.py\", \"migrate\"]\n    restart: on-failure\n"
        let web = "services:\n  web:\n    image: nginx:1.27\n    restart: \"no\"\n  api:\n    image: example/api:1.0\n"
        let found = try habits(["compose.yaml": web + job])
        #expect(!found.isEmpty && found.allSatisfy { $0.severity == .info }, "\(found.map { "\($0.severity) \($0.message)" })")
    }

    @Test(arguments: [("deploy/compose.yaml", "deploy"), ("app/docker-compose.prod.yml", "app"), ("app/compose.production.yaml", "app")])
    func aStackNamedForProductionIsLeftRunning(path: String, root: String) throws {
        let found = try habits([path: Self.byHand], root: root, loading: [path])
        #expect(!found.isEmpty && found.allSatisfy { $0.severity > .info }, "\(path): \(found.map(\.message))")
    }

    @Test func theConfigurationDeclaresThePurpose() throws {
        let deployed = try habits(["compose.yaml": Self.byHand, ".compose-audit.yml": "purpose: deployment\n"])
        #expect(!deployed.isEmpty && deployed.allSatisfy { $0.severity > .info }, "\(deployed.map(\.message))")
        let local = try habits(["compose.yaml": Self.byHand + "    restart: always\n", ".compose-audit.yml": "purpose: local\n"])
        #expect(!local.isEmpty && local.allSatisfy { $0.severity == .info && $0.message.contains("`purpose: local`") },
                "\(local.map(\.message))")
        // A declared purpose also asks the habits of a stack named for development.
        let development = try habits(["dev/compose.yaml": Self.byHand, "dev/.compose-audit.yml": "purpose: deployment\n"], root: "dev")
        #expect(!development.isEmpty && development.allSatisfy { $0.severity > .info })
    }

    @Test func anUnknownPurposeIsAnErrorAtItsValue() throws {
        let source = SourceFile(path: ".compose-audit.yml", text: "fail-on: high\npurpose: staging\n")
        #expect(throws: InputError.self) { try Configuration.parse(source) }
        do {
            _ = try Configuration.parse(source)
        } catch {
            #expect("\(error)".contains("2:10") && "\(error)".contains("expected deployment or local"), "\(error)")
        }
    }

    /// The rules that judge images made for shipping (user, tags, size, shell strictness) and writable mounts of
    /// configuration (the developer's working copy) report information in a development stack (penpot's `devenv`, a
    /// `.devcontainer`), unless the configuration declares a purpose.
    @Test(arguments: [(".devcontainer", "", Severity.info), ("docker/devenv", "", .info), ("app", "", .high),
                      (".devcontainer", "purpose: deployment\n", .high)])
    func imageRulesAreInformationInADevelopmentStack(folder: String, configuration: String, expected: Severity) throws {
        var files = ["\(folder)/compose.yaml": "services:\n  dev:\n    build: .\n    restart: always\n    volumes: [./config.yml:/etc/app/config.yml]\n",
                     "\(folder)/Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install curl\n"]
        if !configuration.isEmpty { files["\(folder)/.compose-audit.yml"] = configuration }
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: folder)
        let found = Linter(rules: [ContainerRunsAsRootRule(), AptHygieneRule(), WritableConfigMountRule()]).audit(project).findings
        #expect(found.map(\.ruleID).sorted() == ["CA201", "CA210", "CA407"], "\(found.map(\.message))")
        let root = try #require(found.first { $0.ruleID == "CA201" })
        #expect(root.severity == expected, "\(root.message)")
        #expect(root.message.contains("information in a development stack") == (expected == .info))
        #expect(found.allSatisfy { ($0.severity == .info) == (expected == .info) }, "\(found.map { "\($0.severity) \($0.message)" })")
    }

    /// A comment at the start of a line that says the whole file is for development or not for production makes a
    /// development stack (Airflow's quick start); a comment about one setting does not.
    @Test(arguments: [
        ("# WARNING: This configuration is for local development. Do not use it in a production deployment.\n", true),
        ("# Not meant for production: a demo of the API\n", true),
        ("# This configuration file is for the **development** setup.\n", true),
        ("# - just-backend: All services except webapp for local development\n", false),
        ("", false),
    ])
    func aFileThatSaysItIsNotForProductionIsADevelopmentStack(header: String, development: Bool) throws {
        let compose = header + "services:\n  web:\n    image: nginx:1.27\n    restart: always\n"
            + "    # Enable debug logging for local development, not for production\n    command: [nginx-debug]\n"
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": compose]))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: ".")
        #expect((project.developmentStackEvidence != nil) == development, "\(header)")
        #expect(try habits(["compose.yaml": compose]).isEmpty == development)
    }

    /// A service that builds a development target, or that Compose Watch syncs code into (`develop:`, also from the
    /// override file), makes the project a development stack: its unset variables are information there.
    @Test(arguments: [
        ("    build:\n      context: .\n      target: development\n", "", true),
        ("    build: .\n", "services:\n  web:\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n", true),
        ("    build:\n      context: .\n      target: production\n", "", false),
        ("    build: .\n", "services:\n  mail:\n    image: axllent/mailpit:v1.20\n", true),
    ])
    func aDevelopmentTargetOrComposeWatchMakesADevelopmentStack(build: String, override: String, development: Bool) throws {
        var files = ["compose.yaml": "services:\n  web:\n" + build + "    restart: always\n    environment:\n      API_URL: ${API_URL}\n",
                     "Dockerfile": "FROM alpine:3.20 AS development\nFROM alpine:3.20 AS production\n"]
        if !override.isEmpty { files["compose.override.yaml"] = override }
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: ".")
        #expect((project.developmentStackEvidence != nil) == development, "\(project.developmentStackEvidence ?? "none")")
        let unset = Linter(rules: [UndefinedVariableRule()]).audit(project).findings
        #expect(unset.map(\.severity) == [development ? .info : .medium], "\(unset.map(\.message))")
    }

    /// Credentials written in a development stack's files guard a local throwaway database (penpot's devenv):
    /// information there, critical elsewhere.
    @Test func credentialsInADevelopmentStackAreInformation() throws {
        let compose = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n"
        #expect(try findings(of: HardcodedSecretRule.self, in: ["devenv/compose.yaml": compose], root: "devenv").map(\.severity) == [.info])
        #expect(try findings(of: HardcodedSecretRule.self, in: ["app/compose.yaml": compose], root: "app").map(\.severity) == [.critical])
    }

    /// A database published on all interfaces of a development stack's host (a developer's machine) is medium.
    @Test func aPublishedDatabaseOfADevelopmentStackIsMedium() throws {
        let compose = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n"
        let development = try findings(of: SensitivePortPublishedRule.self, in: ["devenv/compose.yaml": compose], root: "devenv")
        #expect(development.map(\.severity) == [.medium] && development.first?.message.contains("development stack") == true)
        let leftRunning = compose + "    restart: always\n"
        #expect(try findings(of: SensitivePortPublishedRule.self, in: ["app/compose.yaml": leftRunning], root: "app").map(\.severity) == [.high])
    }

    /// Backing services alone (databases, caches, brokers, search, their admin UIs) that publish a port and never
    /// restart serve an application run on the host (Jaeger's storage backends for its tests, a developer's local
    /// Postgres): a development stack. One service that restarts, builds, or runs another image is not.
    @Test(arguments: [
        ("", true),
        ("  queue:\n    image: rabbitmq:4\n    restart: unless-stopped\n", false),
        ("  api:\n    build: .\n    image: example/postgres:16\n", false),
        ("  api:\n    image: example/api:1.0\n", false),
        ("  admin:\n    image: dpage/pgadmin4:8.12\n    ports: [\"5050:80\"]\n", true),
    ])
    func backingServicesForTheHostAreADevelopmentStack(extra: String, development: Bool) throws {
        let compose = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n    environment:\n      POSTGRES_PASSWORD: postgres\n"
            + "  cache:\n    image: redis:7\n" + extra
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": compose]))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: ".")
        #expect((project.developmentStackEvidence != nil) == development, "\(project.developmentStackEvidence ?? "none")")
        if extra.isEmpty {
            #expect(project.developmentStackEvidence == "it runs only postgres and redis, backing services for the host to reach, and restarts none")
        }
        let published = Linter(rules: [SensitivePortPublishedRule()]).audit(project).findings.filter { $0.message.contains("5432") }
        #expect(published.map(\.severity) == [development ? .medium : .high])
        let secret = Linter(rules: [HardcodedSecretRule()]).audit(project).findings
        #expect(secret.map(\.severity) == [development ? .info : .critical])
        // Without a published port nothing on the host reaches them: no evidence.
        let unpublished = compose.replacingOccurrences(of: "    ports: [\"5432:5432\"]\n", with: "").replacingOccurrences(of: extra, with: "")
        let closed = try ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": unpublished])).load(root: ".")
        #expect(closed.developmentStackEvidence == nil)
    }
}
