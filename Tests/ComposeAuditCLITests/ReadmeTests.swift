import Foundation
import Testing

/// A fenced block of README.md with the heading it stands under and the HTML comment right above it.
struct ReadmeBlock: CustomStringConvertible {
    var info: String
    var lines: [String]
    var line: Int
    var marker: String?

    var description: String { "README.md:\(line) (```\(info))" }

    static func all(in text: String) -> [ReadmeBlock] {
        var blocks: [ReadmeBlock] = []
        var current: ReadmeBlock?
        var previous = ""
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if var block = current {
                if line == "```" {
                    blocks.append(block)
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            } else if line.hasPrefix("```") {
                let marker = previous.hasPrefix("<!--") ? previous.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces) : nil
                current = ReadmeBlock(info: String(line.dropFirst(3)), lines: [], line: index + 1, marker: marker)
            }
            if !line.isEmpty { previous = line }
        }
        return blocks
    }

    /// A `console` block as (command, expected output) pairs: `$ ` starts a command, the lines up to the next one
    /// are what it prints (stdout and stderr together).
    var transcript: [(command: String, output: String)] {
        var pairs: [(command: String, output: String)] = []
        for line in lines {
            if line.hasPrefix("$ ") {
                pairs.append((String(line.dropFirst(2)), ""))
            } else if !pairs.isEmpty {
                pairs[pairs.count - 1].output += line + "\n"
            }
        }
        return pairs
    }
}

/// Every command and output excerpt of README.md runs against the bundled fixtures and the real tool, and every
/// file the README names the release in agrees with `compose-audit --version`.
@Suite("README")
struct ReadmeTests {
    static let readme = (try? String(contentsOfFile: Paths.packageRoot + "/README.md", encoding: .utf8)) ?? ""
    static let blocks = ReadmeBlock.all(in: readme)

    /// A scratch folder holding a copy of Fixtures/, where README commands run (`fix --write` may change it).
    static func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Fixtures", toPath: folder.appendingPathComponent("Fixtures").path)
        return folder
    }

    /// Runs a bash script with the built tool first on PATH; stdout and stderr together.
    static let shellCheckNote = "note: `shellcheck` is not on PATH"

    static func bash(_ script: String, in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc", "-c", script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = URL(fileURLWithPath: Paths.executable).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment["README_REPOSITORY"] = Paths.packageRoot
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func everyBlockIsOfAKindThisTestRuns() {
        #expect(Self.blocks.count > 10)
        for block in Self.blocks {
            let known = ["console", "sh", "yaml", "text"].contains(block.info)
            #expect(known, "\(block): give it a kind this test runs (console, sh, yaml) or text for prose diagrams")
            if block.info == "yaml" {
                #expect(block.marker != nil, "\(block): say above it what it is: <!-- file: PATH -->, <!-- config --> or <!-- compose -->")
            }
        }
    }

    /// `console` blocks are transcripts: each command's real output must equal the lines below it.
    @Test(arguments: blocks.filter { $0.info == "console" }.map(\.line))
    func consoleTranscriptsAreTheToolsRealOutput(line: Int) throws {
        let block = try #require(Self.blocks.first { $0.line == line })
        try #require(!block.transcript.isEmpty, "\(block) has no `$ ` command")
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (command, expected) in block.transcript {
            let result = try Self.bash(command, in: folder)
            // The transcripts show a machine with ShellCheck; without it `check` adds a note on stderr (README says so).
            let output = result.output.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix(Self.shellCheckNote) }.joined(separator: "\n")
            #expect(output == expected, "\(block): `\(command)` printed:\n\(result.output)")
        }
    }

    /// `sh` blocks are command lists: every `compose-audit` command runs (in the folder a `<!-- cwd: DIR -->` marker
    /// names, else the workspace) and must not end in a usage or input error; every `make` target must exist.
    /// Blocks marked `<!-- run by dist-test -->` (installing the release artefacts) run in `make dist-test`.
    @Test(arguments: blocks.filter { $0.info == "sh" }.map(\.line))
    func shellCommandsRun(line: Int) throws {
        let block = try #require(Self.blocks.first { $0.line == line })
        if block.marker == "run by dist-test" {
            let runner = try String(contentsOfFile: Paths.packageRoot + "/Scripts/release/dist_test.sh", encoding: .utf8)
            #expect(runner.contains("<!-- run by dist-test -->"), "\(block): dist_test.sh does not run these blocks")
            return
        }
        for command in block.lines where !command.isEmpty && !command.hasPrefix("#") {
            let program = command.split(separator: " ").first.map(String.init) ?? ""
            #expect(["compose-audit", "make", "cd"].contains(program), "\(block): `\(command)` is run by no test")
        }
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        var directory = folder
        if let marker = block.marker, marker.hasPrefix("cwd: ") { directory = folder.appendingPathComponent(String(marker.dropFirst(5))) }
        let script = """
            compose-audit() { command compose-audit "$@" >/dev/null 2>"$TMPDIR_README/err"; local s=$?
              if [ $s -gt 1 ]; then echo "exit $s: compose-audit $*: $(cat "$TMPDIR_README/err")"; exit 99; fi; }
            make() { command make -C "$README_REPOSITORY" -n "$@" >/dev/null 2>&1 || { echo "no such make target: make $*"; exit 98; }; }
            TMPDIR_README=$(mktemp -d)
            \(block.lines.joined(separator: "\n"))
            """
        let result = try Self.bash(script, in: directory)
        #expect(result.status == 0, "\(block): \(result.output)")
    }

    /// `yaml` blocks: copies of files in the repository, configuration the tool accepts, or compose files whose
    /// suppression comments name real rules.
    @Test(arguments: blocks.filter { $0.info == "yaml" }.map(\.line))
    func yamlBlocksAreRealFilesOrAccepted(line: Int) throws {
        let block = try #require(Self.blocks.first { $0.line == line })
        let text = block.lines.joined(separator: "\n") + "\n"
        let marker = try #require(block.marker, "\(block) has no marker")
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        if marker.hasPrefix("file: ") {
            let path = Paths.packageRoot + "/" + marker.dropFirst(6)
            #expect((try? String(contentsOfFile: path, encoding: .utf8)) == text, "\(block) differs from \(marker.dropFirst(6))")
        } else if marker == "config" {
            let project = folder.appendingPathComponent("Fixtures/tsh-erp")
            try text.write(to: project.appendingPathComponent(".compose-audit.yml"), atomically: true, encoding: .utf8)
            let result = try runTool(["check"], in: project.path)
            #expect(result.status <= 1 && result.stderr.isEmpty, "\(block): \(result.stderr)")  // its min-score may gate
        } else if marker == "compose" {
            try text.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let result = try runTool(["check", "--fail-on", "never"], in: folder.path)
            #expect(result.status == 0, "\(block): \(result.stderr)")
            #expect(!result.stdout.contains("CA001"), "\(block): a suppression names an unknown rule")
        } else {
            Issue.record("\(block): unknown marker `\(marker)`")
        }
    }

    /// Every place that names the release names the version `--version` prints.
    @Test func everyFileNamesTheReleaseOfTheTool() throws {
        let version = try runTool(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let changelog = try String(contentsOfFile: Paths.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        // `## Unreleased` collects what the next release will say; the newest release is the first entry below it.
        let newest = changelog.components(separatedBy: "\n").first { $0.hasPrefix("## ") && $0 != "## Unreleased" }
        #expect(newest?.hasPrefix("## \(version) ") == true, "CHANGELOG.md's newest entry is `\(newest ?? "none")`")
        let pattern = try NSRegularExpression(pattern: #"(?:rev: v|@v|==|VERSION: "|version=|version = "|default: "|compose-audit-|compose_audit-)([0-9]+\.[0-9]+\.[0-9]+)"#)
        var named = 0
        for file in ["README.md", "pyproject.toml", "action.yml", "integrations/gitlab-ci.yml", "integrations/github-workflow.yml",
                     "integrations/pre-commit-config.yaml", "Scripts/release/README.md"] {
            let text = try String(contentsOfFile: Paths.packageRoot + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let found = (text as NSString).substring(with: match.range(at: 1))
                named += 1
                #expect(found == version, "\(file) names \(found) where the tool is \(version)")
            }
        }
        #expect(named >= 10)
    }
}
