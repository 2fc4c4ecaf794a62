import ComposeAuditCore
@testable import ComposeAuditSyntax
import Testing

@Suite("Compose model")
struct ComposeLoaderTests {
    func load(_ text: String, scope: VariableScope = .empty) throws -> ComposeModel {
        try ComposeLoader.load(YAMLParser.parse(SourceFile(path: "compose.yaml", text: text)), scope: scope)
    }

    /// Hundreds of services are read in runs on every core; the model must be the one read in order.
    @Test func manyServicesLoadInFileOrder() throws {
        let count = 700
        let services = (0..<count).map { "  s\($0):\n    image: app:${TAG_\($0)}\n    environment: [A=\($0)]\n" }
        let model = try load("services:\n" + services.joined() + "volumes:\n  data: {}\n")
        #expect(model.services.map(\.name) == (0..<count).map { "s\($0)" })
        #expect(model.services.map { $0.environment.first?.value?.value } == (0..<count).map { "\($0)" })
        #expect(model.unresolvedVariables.map(\.value) == (0..<count).map { "TAG_\($0)" })
        #expect(model.service(named: "s699")?.image?.raw == "app:${TAG_699}")
        #expect(model.volumes.map(\.name) == ["data"])
    }

    @Test func templateErrorsOfManyServicesAreReportedInFileOrder() throws {
        let broken: Set<Int> = [3, 400, 650]
        let services = (0..<700).map { index in
            "  s\(index):\n    image: \(broken.contains(index) ? "app:${TAG" : "app:1")\n"
        }
        let error = #expect(throws: InputError.self) { try load("services:\n" + services.joined()) }
        #expect(error?.all.map(\.position.line) == [9, 803, 1303])
    }

    @Test func shortAndLongSyntaxOfPortsAndVolumes() throws {
        let model = try load("""
            services:
              web:
                image: nginx
                ports:
                  - "127.0.0.1:8080:80"
                  - 9090
                  - "[::1]:5432:5432/udp"
                  - target: 443
                    published: "8443"
                    host_ip: 0.0.0.0
                volumes:
                  - ./conf:/etc/nginx/conf.d:ro,z
                  - data:/data
                  - /cache
                  - C:\\data:/windata
                  - type: tmpfs
                    target: /run
            """)
        let web = try #require(model.service(named: "web"))
        #expect(web.ports.map { "\($0.hostIP ?? "-")|\($0.published ?? "-")|\($0.target)|\($0.proto)" }
            == ["127.0.0.1|8080|80|tcp", "-|-|9090|tcp", "::1|5432|5432|udp", "0.0.0.0|8443|443|tcp"])
        #expect(web.volumes.map { "\($0.kind.rawValue)|\($0.source ?? "-")|\($0.target)|\($0.isReadOnly)" }
            == ["bind|./conf|/etc/nginx/conf.d|true", "volume|data|/data|false", "anonymous|-|/cache|false",
                "bind|C:\\data|/windata|false", "tmpfs|-|/run|false"])
    }

    @Test func environmentFormsAndLimits() throws {
        let model = try load("""
            services:
              app:
                image: app
                environment:
                  - A=1
                  - B
                deploy:
                  resources:
                    limits: {memory: 512M, cpus: "0.5"}
              worker:
                image: app
                environment: {C: 3, D: null}
                mem_limit: 1g
            """)
        let app = try #require(model.service(named: "app"))
        #expect(app.environment.map(\.name) == ["A", "B"])
        #expect(app.environment[1].value == nil)
        #expect(app.limits.memory?.value == "512M" && app.limits.cpus?.value == "0.5")
        let worker = try #require(model.service(named: "worker"))
        #expect(worker.environment.map { $0.value?.value ?? "nil" } == ["3", "nil"])
        #expect(worker.limits.memory?.value == "1g")
    }

    @Test func multipleDocumentsAreMergedInOrder() throws {
        let model = try ComposeLoader.load(YAMLParser.parse(TestPaths.edgeSource("compose/c03-multi-document.yml")), scope: .empty)
        let web = try #require(model.service(named: "web"))
        #expect(web.image?.value == "nginx:1.27")
        #expect(web.ports.map(\.target) == ["80"])
    }

    @Test(arguments: [("compose/c15-empty.yml", "empty compose file"), ("compose/c16-comments-only.yml", "empty compose file"),
                      ("compose/c17-scalar-root.yml", "must be a mapping"), ("compose/c18-sequence-root.yml", "must be a mapping")])
    func documentsThatAreNotComposeFiles(_ file: String, _ reason: String) throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource(file))
        let error = #expect(throws: InputError.self) { try ComposeLoader.load(tree, scope: .empty) }
        #expect(error?.reason.contains(reason) == true)
    }

    @Test func nullBodiesAndValuesDoNotCrash() throws {
        let model = try ComposeLoader.load(YAMLParser.parse(TestPaths.edgeSource("compose/c19-null-and-empty-values.yml")), scope: .empty)
        #expect(!model.services.isEmpty)
    }

    @Test func overrideFilesMergeAsCompose() throws {
        let base = try load("services:\n  web:\n    image: nginx:1.25\n    ports: [\"80:80\"]\n    environment: {MODE: prod, KEEP: \"yes\"}\n")
        let override = try load("services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n    environment: {MODE: dev}\n")
        let web = try #require(base.merged(with: override).service(named: "web"))
        #expect(web.image?.value == "nginx:1.27")
        #expect(web.ports.map { $0.published ?? "" } == ["80", "8080"])
        #expect(web.environment.map { "\($0.name)=\($0.value?.value ?? "")" } == ["MODE=dev", "KEEP=yes"])
    }
}
