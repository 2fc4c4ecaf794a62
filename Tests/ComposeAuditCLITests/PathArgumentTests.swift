import Foundation
import Testing

/// What a path on the command line names, the same for `check`, `fix`, `baseline create` and `config`: a project
/// folder, or one of its compose files; a missing path, a folder without a compose file and a mistyped
/// command each have their own message and exit 2.
@Suite("Paths on the command line")
struct PathArgumentTests {
    @Test(arguments: [["check", "--fail-on", "never"], ["config"], ["fix"]])
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
