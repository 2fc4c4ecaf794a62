import Foundation
import Testing

/// `config` and `dockerfile`: the models the rules see, as JSON (their full equality with Docker's own
/// parsers is checked by `make oracle-test`).
@Suite("config and dockerfile commands")
struct ModelCommandTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-model-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func services(_ result: RunResult) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return json?["services"] as? [String: Any] ?? [:]
    }

    @Test func configRolesNamesEachServicesRoleAndEvidence() throws {
        let result = try runTool(["config", "--roles", "Fixtures/tsh-erp"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            SERVICE   ROLE      EVIDENCE
            postgres  database  image `postgres` (postgres)
            redis     cache     image `redis` (redis)
            app       server    it publishes port 8000
            nginx     proxy     image `nginx` (web servers and proxies)
            pgadmin   adminUI   image `dpage/pgadmin4` (pgadmin)

            """)
    }

    @Test func configShowsProfilesSelectedByFlagOrEnvironment() throws {
        let folder = try Self.folder(["compose.yaml": """
            services:
              web: {image: nginx}
              debug: {image: busybox, profiles: [debug]}
              seed: {image: busybox, profiles: [tools]}
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = try runTool(["config"], in: folder.path)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(Set(try Self.services(all).keys) == ["web", "debug", "seed"])
        #expect(Set(try Self.services(try runTool(["config", "--profile", "none"], in: folder.path)).keys) == ["web"])
        let environment = try runTool(["config"], in: folder.path, environment: ["COMPOSE_PROFILES": "debug"])
        #expect(Set(try Self.services(environment).keys) == ["web", "debug"])
        let web = try Self.services(all)["web"] as? [String: Any]
        #expect((web?["image"] as? [String: Any])?["written"] as? String == "compose.yaml:2:16")
    }

    /// A folder with no default compose file whose `.env` names the files, as Compose reads it; the environment wins.
    @Test func configLoadsTheFilesComposeFileNames() throws {
        let folder = try Self.folder([
            ".env": "COMPOSE_FILE=deploy/base.yaml;deploy/extra.yaml\nCOMPOSE_PATH_SEPARATOR=;\nTAG=1.27\n",
            "deploy/base.yaml": "services:\n  web: {image: \"nginx:${TAG}\"}\n",
            "deploy/extra.yaml": "services:\n  web:\n    depends_on: [cache]\n  cache: {image: redis:7}\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runTool(["config"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let web = try Self.services(result)["web"] as? [String: Any]
        #expect((web?["image"] as? [String: Any])?["value"] as? String == "nginx:1.27")
        #expect((web?["dependsOn"] as? [[String: Any]])?.first?["service"] as? String == "cache")
        let chosen = try runTool(["config"], in: folder.path, environment: ["COMPOSE_FILE": "deploy/base.yaml"])
        #expect(Set(try Self.services(chosen).keys) == ["web"], "\(chosen.stderr)")
        let check = try runTool(["check", ".", "--fail-on", "never"], in: folder.path)
        #expect(check.status == 0 && check.stdout.contains("Score:"), "\(check.stderr)")
    }

    @Test func dockerfileShowsBuildKitsReadingAndErrorsExitTwo() throws {
        let folder = try Self.folder(["Dockerfile": "FROM alpine:3.20\nENV A=1 B=\"2 3\"\n", "Bad": "FROM alpine\nRUN <<EOF\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runTool(["dockerfile", "Dockerfile"], in: folder.path)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let instructions = json?["instructions"] as? [[String: Any]] ?? []
        #expect(instructions.map { $0["keyword"] as? String } == ["FROM", "ENV"])
        #expect(instructions.last?["values"] as? [String] == ["A", "1", "B", "\"2 3\""])
        let bad = try runTool(["dockerfile", "Bad"], in: folder.path)
        #expect(bad.status == 2 && bad.stderr.contains("Bad:2:1: error: unterminated heredoc"), "\(bad.stderr)")
    }
}
