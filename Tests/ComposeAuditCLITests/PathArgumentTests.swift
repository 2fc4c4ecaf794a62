import Foundation
import Testing

/// What a path on the command line names, the same for `check`, `fix`, `baseline create` and `config`: a project
/// folder, or one of its compose files; a missing path, a folder without a compose file and a mistyped
/// command each have their own message and exit 2.
@Suite("Paths on the command line")
struct PathArgumentTests {
    @Test(arguments: [["check", "--fail-on", "never"], ["config"], ["fix", "--unsafe-fixes"]])
    func aComposeFileIsAcceptedAsTheProject(command: [String]) throws {
        let byFile = try runTool([command[0], "Fixtures/twlan/docker-compose.yml"] + command.dropFirst())
        let byFolder = try runTool([command[0], "Fixtures/twlan"] + command.dropFirst())
        #expect(byFile.status != 2, "\(byFile.stderr)")
        #expect(byFile.stdout == byFolder.stdout)
        #expect(!byFile.stdout.isEmpty)
    }

    @Test func baselineCreateTakesAComposeFile() throws {
        let folder = try temporaryCopy(of: "twlan")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = try runTool(["baseline", "create", "twlan/docker-compose.yml"], in: folder.deletingLastPathComponent().path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".compose-audit-baseline.json").path))
    }

    /// `check ../shop` from a sibling folder: paths in the project (its build context, bind mounts, env files) are
    /// found where they are, as from inside it (they were once rebased past the root, `../../../shop/.env`).
    @Test func aProjectAboveTheWorkingFolderFindsItsFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ca-up-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let shop = root.appendingPathComponent("shop")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("work"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: shop.appendingPathComponent("config"), withIntermediateDirectories: true)
        try "services:\n  web:\n    build: .\n    image: acme/web:1.0\n    env_file: .env\n    volumes:\n      - ./config:/config:ro\n"
            .write(to: shop.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "FROM alpine:3.20\nUSER 1000\n".write(to: shop.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try "MODE=dev\n".write(to: shop.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let inside = try runTool(["check", ".", "--format", "json", "--fail-on", "never"], in: shop.path)
        let above = try runTool(["check", "../shop", "--format", "json", "--fail-on", "never"], in: root.appendingPathComponent("work").path)
        #expect(inside.status == 0 && above.status == 0, "\(above.stderr)")
        for rule in ["CA502", "CA504", "CA507"] {
            #expect(!inside.stdout.contains(rule) && !above.stdout.contains(rule), "\(rule): \(above.stdout)")
        }
        #expect(above.stdout.contains("\"CA401\""), "the Dockerfile was read: its missing .dockerignore is reported")
    }

    @Test(arguments: ["check", "fix", "config"])
    func aMissingPathSaysSo(command: String) throws {
        let result = try runTool([command, "no/such/folder"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: no/such/folder: no such file or directory\n")
    }

    @Test func aMistypedCommandIsNamed() throws {
        let result = try runTool(["chekc"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command `chekc`"))
        #expect(result.stderr.contains("did you mean `check`?"))
        let far = try runTool(["qqqqqq"])
        #expect(far.status == 2 && far.stderr == "error: qqqqqq: no such file or directory\n", "no suggestion for a far word")
    }

    @Test func aFolderWithoutAComposeFileNamesTheProjectsBelowIt() throws {
        let result = try runTool(["check", "Fixtures"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: Fixtures: no compose file found"))
        #expect(result.stderr.contains("compose projects below it: Fixtures/expected/tsh-erp.fixed, Fixtures/expected/twlan.fixed, Fixtures/tsh-erp, Fixtures/twlan"))
        #expect(result.stderr.contains("hint: audit them all with `compose-audit check --recursive Fixtures`"))
        let empty = try runTool(["check", "Sources/CYAML"])
        #expect(empty.status == 2 && empty.stderr.contains("nor any below it"))
    }

    @Test func aComposeFileAndFileOptionsConflict() throws {
        let result = try runTool(["check", "Fixtures/twlan/docker-compose.yml", "-f", "Fixtures/twlan/docker-compose.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a compose file and -f names others"))
    }

    @Test func recursiveOnAMissingFolderSaysSo() throws {
        let result = try runTool(["check", "--recursive", "no-such-folder"])
        #expect(result.status == 2 && result.stderr == "error: no-such-folder: no such file or directory\n")
    }
}
