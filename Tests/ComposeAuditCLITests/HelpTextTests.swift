import Foundation
import Testing

/// `--help` renders cleanly at 80 columns: the discussions are written at most 78 columns wide, so the argument
/// parser prints each of their lines as it is (a wider line would be wrapped a second time).
@Suite("Help text")
struct HelpTextTests {
    static let commands: [[String]] = [[], ["check"], ["fix"], ["baseline"], ["baseline", "create"], ["config"], ["dockerfile"], ["rules"], ["explain"], ["lsp"]]

    /// Every line of every `discussion: """ ... """` in the CLI's sources.
    static func discussionLines() throws -> [String] {
        let folder = Paths.packageRoot + "/Sources/compose-audit"
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            var inside = false
            for line in try String(contentsOfFile: folder + "/" + file, encoding: .utf8).components(separatedBy: "\n") {
                if line.hasSuffix("discussion: \"\"\"") { inside = true; continue }
                if inside, line.trimmingCharacters(in: .whitespaces).hasPrefix("\"\"\"") { inside = false; continue }
                if inside { lines.append(line.count > 12 ? String(line.dropFirst(12)) : "") }
            }
        }
        return lines
    }

    @Test func everyHelpFitsEightyColumnsAndKeepsItsLines() throws {
        var help = ""
        for command in Self.commands {
            let result = try runTool(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            for line in result.stdout.components(separatedBy: "\n") {
                #expect(line.count <= 80, "\(command): \(line)")
            }
            help += result.stdout
        }
        let printed = Set(help.components(separatedBy: "\n"))
        let discussions = try Self.discussionLines()
        #expect(discussions.count > 30)
        for line in discussions where !line.isEmpty {
            #expect(line.count <= 78, "wider than 78 columns: \(line)")
            let printedAsWritten = printed.contains(line)
            #expect(printedAsWritten, "re-wrapped by the parser, or in no --help: \(line)")
        }
    }

    @Test func errorsHaveOneStyle() throws {
        for arguments in [["check", "--format", "bogus"], ["check", "--min-score", "11"], ["explain", "CA999"], ["fix", "--select", "x"]] {
            let result = try runTool(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: "), "\(arguments): \(result.stderr)")
        }
    }
}
