import Foundation
import Testing

@Suite("Baseline")
struct BaselineTests {
    @Test func onlyNewFindingsAreReportedAndGated() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let create = try runTool(["baseline", "create"], in: folder.path)
        #expect(create.status == 0 && create.stderr.contains("Wrote 35 findings"))
        let clean = try runTool(["check", "--baseline", ".compose-audit-baseline.json"], in: folder.path)
        #expect(clean.status == 0, "everything is in the baseline")
        #expect(clean.stdout.contains("No findings") && clean.stdout.contains("35 findings in the baseline not shown or scored"))
        #expect(clean.stdout.contains("Score: 10.0/10 (A)"), "accepted findings do not count in the score")
        let gated = try runTool(["check", "--baseline", ".compose-audit-baseline.json", "--min-score", "9.5"], in: folder.path)
        #expect(gated.status == 0, "--min-score sees only what is shown")

        // Lines move: a comment on top of the compose file and one in the Dockerfile.
        let compose = folder.appendingPathComponent("docker-compose.yml")
        var text = try String(contentsOf: compose, encoding: .utf8)
        text = "# moved every line down\n\n" + text
        // A new problem: pgadmin becomes privileged.
        text = text.replacingOccurrences(of: "    image: dpage/pgadmin4:8\n", with: "    image: dpage/pgadmin4:8\n    privileged: true\n")
        try text.write(to: compose, atomically: true, encoding: .utf8)
        let dockerfile = folder.appendingPathComponent("Dockerfile")
        try ("# header\n" + String(contentsOf: dockerfile, encoding: .utf8)).write(to: dockerfile, atomically: true, encoding: .utf8)

        let after = try runTool(["check", "--baseline", ".compose-audit-baseline.json", "--format", "json"], in: folder.path)
        #expect(after.status == 1, "the new critical finding fails the gate")
        let json = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        let ids = (json?["findings"] as? [[String: Any]])?.compactMap { $0["ruleId"] as? String }
        #expect(ids == ["CA202"])
    }

    /// Created inside the project folder; checked with an absolute path from elsewhere, and with --recursive from the
    /// folder above: every finding still matches.
    @Test func aBaselineMatchesWhateverPathFormWasTyped() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        let parent = folder.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let baseline = folder.appendingPathComponent(".compose-audit-baseline.json").path
        #expect(try runTool(["baseline", "create"], in: folder.path).status == 0)
        let absolute = try runTool(["check", folder.path, "--baseline", baseline], in: "/")
        #expect(absolute.status == 0, "\(absolute.stdout)")
        #expect(absolute.stdout.contains("No findings"))
        let recursive = try runTool(["check", "--recursive", ".", "--baseline", baseline], in: parent.path)
        #expect(recursive.status == 0 && recursive.stdout.contains("No findings"), "\(recursive.stdout)")
        let fromAbove = try runTool(["check", "tsh-erp", "--baseline", "tsh-erp/.compose-audit-baseline.json"], in: parent.path)
        #expect(fromAbove.status == 0 && fromAbove.stdout.contains("No findings"))
        // And the other way round: created from above with an absolute path, checked inside.
        #expect(try runTool(["baseline", "create", folder.path, "-o", baseline], in: "/").status == 0)
        let inside = try runTool(["check", "--baseline", ".compose-audit-baseline.json"], in: folder.path)
        #expect(inside.status == 0 && inside.stdout.contains("No findings"))
    }

    @Test func aBrokenBaselineIsAnInputError() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try "not json".write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let result = try runTool(["check", "--baseline", "b.json"], in: folder.path)
        #expect(result.status == 2 && result.stderr.contains("not a compose-audit baseline"))
    }
}

@Suite("Many projects")
struct ManyProjectsTests {
    @Test func severalFoldersInOneReport() throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "Fixtures/twlan", "--format", "json", "--fail-on", "never"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = Set(((json?["findings"] as? [[String: Any]]) ?? []).compactMap { ($0["file"] as? String)?.split(separator: "/").dropFirst().first })
        #expect(files == ["tsh-erp", "twlan"])
        let gated = try runTool(["check", "Fixtures/tsh-erp", "Fixtures/twlan"])
        #expect(gated.status == 1)
        let broken = try runTool(["check", "Fixtures/tsh-erp", "/nonexistent-folder"])
        #expect(broken.status == 2 && broken.stdout.contains("Score:"), "the readable project is still reported")
    }
}

/// `check --recursive` over the real-world corpus (`make corpus-test`).
@Suite("Many projects: the real-world corpus", .enabled(if: Paths.shared != nil, "set COMPOSE_AUDIT_SHARED (make corpus-test)"))
struct RecursiveCorpusTests {
    /// The projects below `root`, found here by walking the corpus (not by asking the tool): each folder with a
    /// default compose file, and in a folder without one, each other `*compose*.yml`/`.yaml` (not an override) with a
    /// line that starts with `services:`.
    static func projectCount(under root: String) throws -> Int {
        let defaults: Set<String> = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
        let skipped: Set<String> = [".git", ".hg", ".svn", "node_modules", "vendor", "dist", "build", "target",
                                    "__pycache__", ".venv", "venv", ".tox", ".idea", ".vscode"]
        let walker = try #require(FileManager.default.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isDirectoryKey]))
        var files: [String: [URL]] = [:]
        while let url = walker.nextObject() as? URL {
            let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isFolder, skipped.contains(url.lastPathComponent) || url.lastPathComponent.hasPrefix(".build") {
                walker.skipDescendants()
            } else if !isFolder {
                files[url.deletingLastPathComponent().path, default: []].append(url)
            }
        }
        var count = 0
        for (_, urls) in files {
            if urls.contains(where: { defaults.contains($0.lastPathComponent) }) {
                count += 1
                continue
            }
            count += urls.filter { url in
                let name = url.lastPathComponent.lowercased()
                guard name.contains("compose"), name.hasSuffix(".yml") || name.hasSuffix(".yaml"), !name.contains(".override.") else { return false }
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
                return text.split(separator: "\n").contains { $0.hasPrefix("services:") }
            }.count
        }
        return count
    }

    @Test func recursiveAuditsEveryCorpusProject() throws {
        let corpus = try #require(Paths.shared) + "/corpus"
        let expected = try Self.projectCount(under: corpus)
        try #require(expected > 1, "no compose project under \(corpus)")
        let result = try runTool(["check", "--recursive", corpus, "--include-tests", "--fail-on", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n\(expected) projects, "))
        #expect(result.stdout.components(separatedBy: "\n== ").count - 1 == expected - 1, "a section per project")
    }
}
