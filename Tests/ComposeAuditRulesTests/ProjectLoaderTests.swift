import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import ComposeAuditSyntax
import Foundation
import Testing

/// Loading projects as Compose does: include, extends, override pairs with `!reset`/`!override`,
/// profiles, `--env-file`, the project name, and every invalid template reported.
@Suite("Project loader")
struct ProjectLoaderTests {
    static let edge = RuleRegistryTests.packageRoot + "/Tests/Fixtures/corpus-edge/compose"

    func load(_ files: [String: String], configure: (inout ProjectLoader) -> Void = { _ in }) throws(ProjectLoader.LoadError) -> Project {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        configure(&loader)
        return try loader.load(root: ".")
    }

    func loadEdge(_ folder: String, files: [String] = []) throws(ProjectLoader.LoadError) -> Project {
        try ProjectLoader(fileSystem: LocalFileSystem(root: Self.edge + "/" + folder)).load(root: ".", files: files)
    }

    @Test func includeAndExtendsResolveAcrossFiles() throws {
        let project = try loadEdge("c32-include-extends")
        #expect(Set(project.services.map(\.name)) == ["web", "worker", "shared", "other"])
        let web = try #require(project.model.service(named: "web"))
        #expect(web.restart?.value == "unless-stopped")
        #expect(web.restart?.location.path == "base.yaml")  // a finding points at the file to edit
        #expect(web.environmentValue("FROM_BASE")?.value?.value == "1")
        #expect(project.model.service(named: "worker")?.image?.value == "example/web:1.0")
        let other = try #require(project.model.service(named: "other"))
        #expect(other.volumes.compactMap(\.source).map(project.hostPath) == ["sub/data"])  // relative to sub/other.yaml
        #expect(Set(project.composeFiles.map(\.source.path)).isSuperset(of: ["compose.yaml", "base.yaml", "included.yaml"]))
    }

    @Test func includeCycleIsAnErrorNotARecursion() throws {
        let error = #expect(throws: ProjectLoader.LoadError.self) { try loadEdge("c32-include-extends", files: ["cycle-a.yaml"]) }
        #expect(error?.description.contains("include cycle detected") == true)
    }

    @Test func extendsCycleIsAnError() throws {
        let error = #expect(throws: ProjectLoader.LoadError.self) {
            try load(["compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n    image: x\n"])
        }
        #expect(error?.description.contains("compose.yaml:3:14") == true)
        #expect(error?.description.contains("circular reference with extends") == true)
    }

    @Test func overridePairMergesWithResetTag() throws {
        let project = try loadEdge("c33-override-pair")
        let web = try #require(project.model.service(named: "web"))
        #expect(web.image?.value == "nginx:1.27")
        #expect(web.ports.compactMap(\.published) == ["80", "8080"])
        #expect(Dictionary(uniqueKeysWithValues: web.environment.map { ($0.name, $0.value?.value ?? "") }) == ["MODE": "dev", "KEEP": "yes"])
        #expect(web.command == nil)
        #expect(project.model.service(named: "web-debug")?.environment.map(\.name) == ["ONLY"])
    }

    @Test func overrideTagReplacesInsteadOfMerging() throws {
        let project = try load([
            "compose.yaml": "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n    environment: {A: 1}\n",
            "compose.override.yaml": "services:\n  web:\n    ports: !override [\"8080:80\"]\n    environment: !reset {}\n",
        ])
        let web = try #require(project.model.service(named: "web"))
        #expect(web.ports.compactMap(\.published) == ["8080"])
        #expect(web.environment.isEmpty)
    }

    @Test func everyInvalidTemplateIsReported() throws {
        let error = #expect(throws: ProjectLoader.LoadError.self) {
            try ProjectLoader(fileSystem: LocalFileSystem(root: Self.edge)).load(root: ".", files: ["c26-interpolation-invalid.yml"])
        }
        guard case .input(let input) = error else { Issue.record("not an input error"); return }
        #expect(input.all.map(\.position.line) == [4, 6, 8, 10, 12])
    }

    @Test func profilesSelectServicesOnlyWhenAsked() throws {
        let files = ["compose.yaml": """
            services:
              web: {image: nginx}
              debug: {image: busybox, profiles: [debug]}
              seed: {image: busybox, profiles: [tools]}
            """]
        #expect(try load(files).services.map(\.name) == ["web", "debug", "seed"])
        #expect(try load(files) { $0.activeProfiles = ["debug"] }.services.map(\.name) == ["web", "debug"])
        #expect(try load(files) { $0.activeProfiles = [] }.services.map(\.name) == ["web"])
        #expect(try load(files) { $0.activeProfiles = ["*"] }.services.count == 3)
    }

    @Test func envFileReplacesDotEnv() throws {
        let files = ["compose.yaml": "services:\n  web:\n    image: nginx:${TAG:-latest}\n",
                     ".env": "TAG=1.25\n", "prod.env": "TAG=1.27\n", "late.env": "TAG=1.28\n"]
        #expect(try load(files).model.service(named: "web")?.image?.value == "nginx:1.25")
        #expect(try load(files) { $0.envFilePaths = ["prod.env"] }.model.service(named: "web")?.image?.value == "nginx:1.27")
        #expect(try load(files) { $0.envFilePaths = ["prod.env", "late.env"] }.model.service(named: "web")?.image?.value == "nginx:1.28")
    }

    /// As Docker Compose does (Tests/oracle/loading): the including file is layered over what it includes, so a
    /// service adjusted locally merges into the included one, local values win, and an earlier include wins
    /// over a later one.
    @Test func anIncludedServiceAdjustedLocallyIsMergedIntoIt() throws {
        let project = try load([
            "compose.yaml": "include:\n  - db.yaml\n  - more.yaml\nservices:\n  db:\n    image: postgres:17\n    environment: {POSTGRES_DB: shop}\n",
            "db.yaml": "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n    environment: {POSTGRES_PASSWORD: example}\n",
            "more.yaml": "services:\n  db:\n    image: postgres:15\n    user: postgres\n  cache:\n    image: redis:7.4\n",
        ])
        let db = try #require(project.model.service(named: "db"))
        #expect(db.image?.value == "postgres:17")
        #expect(db.environment.map(\.name).sorted() == ["POSTGRES_DB", "POSTGRES_PASSWORD"])
        #expect(db.ports.map(\.target) == ["5432"] && db.user?.value == "postgres")
        #expect(project.model.services.map(\.name).sorted() == ["cache", "db"])
    }

    /// `!reset` on a whole service in an override file removes it; `!override` replaces it instead of merging.
    @Test(arguments: ["debug: !reset {}", "debug: !reset null"])
    func aResetServiceIsRemoved(_ reset: String) throws {
        let project = try load([
            "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n  debug:\n    image: busybox:1.36\n",
            "compose.override.yaml": "services:\n  \(reset)\n  web: !override\n    image: nginx:1.28\n",
        ])
        #expect(project.model.services.map(\.name) == ["web"])
        #expect(project.model.service(named: "web")?.image?.value == "nginx:1.28")
        #expect(project.model.service(named: "web")?.ports.isEmpty == true, "!override drops what the base had")
    }

    @Test func projectNameFollowsComposePrecedence() throws {
        let compose = "name: Shop\nservices:\n  web:\n    image: nginx\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n"
        #expect(try load(["compose.yaml": compose]).model.service(named: "web")?.containerName?.value == "shop-web")
        let named = try load(["compose.yaml": compose, ".env": "COMPOSE_PROJECT_NAME=store\n"])
        #expect(named.name == "store" && named.model.service(named: "web")?.containerName?.value == "store-web")
        // The variable in an included file only: the name from `name:` still reaches it.
        let included = try load(["compose.yaml": "name: Shop\ninclude:\n  - db.yaml\nservices:\n  web:\n    image: nginx\n",
                                 "db.yaml": "services:\n  db:\n    image: postgres:16\n    container_name: ${COMPOSE_PROJECT_NAME}-db\n"])
        #expect(included.model.service(named: "db")?.containerName?.value == "shop-db")
    }

    @Test func dockerfileSpecificIgnoreFileWins() throws {
        let project = try load([
            "compose.yaml": "services:\n  web:\n    build: {context: ., dockerfile: docker/web.Dockerfile}\n",
            "docker/web.Dockerfile": "FROM nginx:1.27\n", "docker/web.Dockerfile.dockerignore": "logs\n",
            ".dockerignore": "docs\n", "logs/a.log": "x", "docs/a.md": "y",
        ])
        let context = try #require(project.contexts["."])
        #expect(context.dockerIgnore?.source.path == "docker/web.Dockerfile.dockerignore")
        #expect(context.dockerIgnore?.excludes("logs/a.log") == true && context.dockerIgnore?.excludes("docs/a.md") == false)
    }

    /// corpus-edge c34 and c35: a zero-width space in `image` and non-string keys are reported, each where written.
    @Test func unknownAndNonStringKeysOfTheEdgeCorpus() throws {
        func lines(_ file: String) throws -> [Int: String] {
            let project = try ProjectLoader(fileSystem: LocalFileSystem(root: Self.edge)).load(root: ".", files: [file])
            let outcome = InvalidComposeKeyRule().check(project)
            let source = try #require(project.composeFiles.first?.source)
            return Dictionary(outcome.violations.map { (source.lineColumn(at: $0.location.range.start).line, $0.message) },
                              uniquingKeysWith: { first, _ in first })
        }
        let unicode = try lines("c34-unicode.yml")
        #expect(unicode.keys.sorted() == [5])
        #expect(unicode[5]?.contains("imag\\u{200B}e") == true && unicode[5]?.contains("did you mean `image`") == true)
        let special = try lines("c35-special-keys.yml")
        #expect(special.keys.sorted() == [3, 7, 8, 9])  // `"<<"` (5) and `""` (6) are strings
    }

    /// Compose makes a service depend on those it links to, takes volumes from or shares a namespace with; a
    /// `container:` source names a container, and an explicit `depends_on` keeps its own condition.
    @Test func implicitDependenciesAreTheOnesComposeAdds() throws {
        let project = try load(["compose.yaml": """
            services:
              db: {image: postgres:16}
              a: {image: x, links: ["db:database"], volumes_from: ["db:ro", "container:legacy"]}
              b: {image: x, network_mode: "service:db", ipc: "service:db", pid: host}
              c: {image: x, links: [db], depends_on: {db: {condition: service_healthy}}}
              d: {image: x, provider: {type: example-cloud}}
            """])
        func implicit(_ name: String) -> [String] {
            project.model.service(named: name)?.implicitDependencies.map { "\($0.key):\($0.service)" } ?? ["missing"]
        }
        #expect(implicit("a") == ["links:db"])
        #expect(implicit("b") == ["network_mode:db"])
        #expect(implicit("c").isEmpty)
        #expect(project.model.service(named: "b")?.serviceReferences.map(\.key) == ["network_mode", "ipc"])
        #expect(project.model.service(named: "d")?.provider?.value == "example-cloud")
    }

    /// Values Compose refuses once variables are substituted are noted where they are written, whatever the
    /// key; values Compose casts are left alone when they cast.
    @Test func valuesComposeRefusesAreNoted() throws {
        let project = try load(["compose.yaml": """
            services:
              web:
                image: nginx:1.27
                read_only: ${RO}
                tty: ${TTY:-yes}
                cpus: ${CPUS:-half}
                stop_grace_period: ${GRACE:-10}
                mem_limit: ${MEMORY:-512m}
                container_name: "_w"
                platform: linux/arm64
                build:
                  context: .
                  platforms: [linux/amd64]
                volumes: ["${SOCKET}:/var/run/docker.sock", "/data:/data", "${EMPTY}"]
                ports: ["${PORT}:8080", "8080:${PORT}"]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: ${EVERY:-10s}
                  retries: ${RETRIES:-three}
              empty:
            """])
        let web = try #require(project.model.service(named: "web"))
        let lines = web.refusals.map { refusal in project.composeFiles[0].source.lineColumn(at: refusal.location.range.start).line }
        #expect(lines == [4, 6, 7, 9, 14, 14, 15, 19, 10])
        #expect(web.refusals.map(\.dependsOnVariables) == [true, true, true, false, true, true, true, true, false])
        #expect(web.refusals.first?.message == "`read_only`: `${RO}` becomes ``, but Compose needs true or false")
        #expect(project.model.service(named: "empty")?.refusals.count == 1)
        // Compose's pattern is not anchored: it accepts these (the engine refuses the first two when it creates them).
        #expect(["-web", "my app", "web_1", "db.1"].allSatisfy(ContainerNameSyntax.isValid))
        #expect(!["w", "_x", "é1", "--", ""].contains(where: ContainerNameSyntax.isValid))
        #expect(["0", "1m30s", "500ms", "1.5h", "-2m", "10us"].allSatisfy(ComposeValueKind.duration.accepts))
        #expect(!["10", "5x", "m", "", "1.5"].contains(where: ComposeValueKind.duration.accepts))
    }

    /// An unquoted `.inf` or `.nan` is a number JSON cannot hold: Compose refuses it in environment, labels and build
    /// args; quoted, it is a string.
    @Test func nonFiniteNumbersAreRefusedUnquoted() throws {
        let project = try load(["compose.yaml": """
            services:
              web:
                image: nginx:1.27
                environment: {RATIO: .inf, QUOTED: ".nan", PLAIN: inf}
                labels: {limit: -.Inf}
                build:
                  context: .
                  args: {SEED: .NaN}
            """])
        let web = try #require(project.model.service(named: "web"))
        #expect(web.refusals.map(\.message) == [
            "`environment.RATIO`: `.inf` unquoted is a YAML number Compose cannot check, and it refuses the file; quote it",
            "`labels.limit`: `-.Inf` unquoted is a YAML number Compose cannot check, and it refuses the file; quote it",
            "`build.args.SEED`: `.NaN` unquoted is a YAML number Compose cannot check, and it refuses the file; quote it",
        ])
    }

    /// Compose refuses a service with no body unless an earlier file defines it: then the empty entry changes nothing.
    @Test func anEmptyServiceIsRefusedOnlyWhereNothingDefinesIt() throws {
        let base = "services:\n  web:\n    image: nginx:1.27\n"
        let over = try load(["compose.yaml": base, "compose.override.yaml": "services:\n  web:\n  worker:\n"])
        #expect(over.model.service(named: "web")?.refusals.isEmpty == true)
        #expect(over.model.service(named: "web")?.image?.value == "nginx:1.27")
        #expect(over.model.service(named: "worker")?.refusals.map(\.isEmptyService) == [true])
        let under = try load(["compose.yaml": "services:\n  web:\n", "compose.override.yaml": base])
        #expect(under.model.service(named: "web")?.refusals.map(\.isEmptyService) == [true])
    }

    /// Only Docker Compose's own remote loaders (OCI, git) fetch files; `remote:x` is a local path that must exist.
    @Test func aMissingExtendsFileIsAnInputErrorUnlessRemote() throws {
        let error = #expect(throws: ProjectLoader.LoadError.self) {
            try load(["compose.yaml": "services:\n  a:\n    extends:\n      file: remote:base.yaml\n      service: b\n"])
        }
        #expect(error?.description.contains("compose.yaml:4:7") == true)
        #expect(error?.description.contains("remote:base.yaml not found") == true)
        let remote = try load(["compose.yaml": "services:\n  a:\n    extends:\n      file: oci://registry.example/base:1\n      service: b\n"])
        #expect(remote.model.service(named: "a")?.extends != nil)
    }
}
