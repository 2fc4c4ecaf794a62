import Foundation
import Testing

/// A copy of a fixture in a fresh temporary folder, under the fixture's own name (the project name).
func temporaryCopy(of fixture: String) throws -> URL {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ca-fix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let copy = parent.appendingPathComponent(fixture)
    try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Fixtures/" + fixture, toPath: copy.path)
    return copy
}

func text(_ folder: URL, _ path: String) -> String {
    (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? "<missing>"
}

func score(in folder: URL) throws -> Double {
    let result = try runTool(["check", ".", "--format", "json", "--fail-on", "never"], in: folder.path)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return ((json?["score"] as? [String: Any])?["overall"] as? Double) ?? -1
}

@Suite("fix on the seed fixtures")
struct SeedFixTests {
    static let changed: [String: [String]] = [
        "tsh-erp": ["docker-compose.yml", "Dockerfile", ".dockerignore", "backups/.gitignore"],
        "twlan": ["docker-compose.yml", "docker/Dockerfile.legacy", "docker/Dockerfile.modern", "docker/.dockerignore", "backups/.gitignore"],
    ]

    @Test(arguments: ["tsh-erp", "twlan"])
    func unsafeFixReachesNineAndIsIdempotent(_ fixture: String) throws {
        let folder = try temporaryCopy(of: fixture)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let before = try score(in: folder)
        let write = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: folder.path)
        #expect(write.status == 0, "\(write.stderr)")
        let after = try score(in: folder)
        #expect(after >= 9.0 && after > before, "score \(before) -> \(after)")
        let readme = try String(contentsOfFile: Paths.packageRoot + "/README.md", encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        #expect(readme.contains("from \(String(format: "%.1f", before)) to \(String(format: "%.1f", after)) for \(fixture)"),
                "the README states the scores before and after: \(before) -> \(after)")
        let again = try runTool(["fix", ".", "--unsafe-fixes"], in: folder.path)
        #expect(again.status == 0 && again.stdout.isEmpty, "a second fix must change nothing:\n\(again.stdout)")
        // Exactly these files are written (so no golden can stand for a file that was never written).
        #expect(try Self.changedFiles(Paths.packageRoot + "/Fixtures/" + fixture, folder.path) == Set(Self.changed[fixture] ?? []))
        for path in Self.changed[fixture] ?? [] {
            #expect(try matchesGolden(text(folder, path), "\(fixture).fixed/\(path)"), "\(path)")
        }
    }

    /// Files of `fixed` that are new or differ from `original` (relative paths).
    static func changedFiles(_ original: String, _ fixed: String) throws -> Set<String> {
        let manager = FileManager.default
        var changed: Set<String> = []
        for path in try manager.subpathsOfDirectory(atPath: fixed) {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: fixed + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if manager.contents(atPath: original + "/" + path) != manager.contents(atPath: fixed + "/" + path) { changed.insert(path) }
        }
        return changed
    }

    /// What seed 000 did by hand, found and written by the tool.
    @Test func seedERPFixesArePresent() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let written = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: folder.path)
        #expect(written.status == 0, "fix --write: \(written.stderr)")
        let compose = text(folder, "docker-compose.yml")
        let dockerfile = text(folder, "Dockerfile")
        #expect(compose.contains("      - redis_data:/data"), "the redis volume")
        #expect(compose.contains("      - ./static:/app/static:ro") && compose.contains("      - ./uploads:/app/uploads:ro"), "nginx mounts")
        #expect(dockerfile.contains(#"CMD ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --port 8000 --workers ${UVICORN_WORKERS:-4}"]"#))
        #expect(dockerfile.contains("USER app") && dockerfile.contains("useradd --system"), "non-root user")
        #expect(dockerfile.contains("--from=builder /root/.local /home/app/.local") && dockerfile.contains("ENV PATH=/home/app/.local/bin"),
                "packages installed for root move to the new user's home")
        for limit in ["cpus: '2'\n          memory: 1G", "cpus: '1'\n          memory: 512M", "cpus: '2'\n          memory: 2G",
                      "cpus: '0.5'\n          memory: 256M"] {
            #expect(compose.contains(limit), "limit \(limit)")
        }
        #expect(compose.contains("image: tsh-erp-app:${VERSION:-latest}"), "image versioning")
        let ignore = text(folder, ".dockerignore")
        for pattern in ["**/.pytest_cache", "**/.mypy_cache", "docs", "logs"] { #expect(ignore.contains("\n" + pattern + "\n")) }
        #expect(compose.contains("logging: *default-logging"))
        #expect(dockerfile.contains("org.opencontainers.image.version"))
        #expect(compose.hasPrefix("# TSH ERP: local development and CI stack\n# Profiles:"), "comments kept")
    }

    /// What seed 001 did by hand: limits, log rotation and labels everywhere, a .dockerignore, a backup service.
    @Test func seedTWLanFixesArePresent() throws {
        let folder = try temporaryCopy(of: "twlan")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let written = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: folder.path)
        #expect(written.status == 0, "fix --write: \(written.stderr)")
        let compose = text(folder, "docker-compose.yml")
        #expect(compose.components(separatedBy: "logging: *default-logging").count - 1 >= 9)
        #expect(compose.components(separatedBy: "\n        limits:").count - 1 >= 9)
        #expect(compose.contains("mariadb-backup:") && compose.contains("redis-backup:"))
        for dockerfile in ["docker/Dockerfile.legacy", "docker/Dockerfile.modern"] {
            #expect(text(folder, dockerfile).contains("org.opencontainers.image.title"))
        }
        #expect(text(folder, "docker/.dockerignore").contains("\n.git\n"))
    }
}

@Suite("fix command")
struct FixCommandTests {
    @Test func dryRunPrintsADiffAndWritesNothing() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let original = text(folder, "docker-compose.yml")
        let safeOnly = try runTool(["fix", "."], in: folder.path)
        #expect(safeOnly.status == 0 && safeOnly.stdout.isEmpty, "every fix for this project is unsafe:\n\(safeOnly.stdout)")
        #expect(safeOnly.stderr.contains("Would fix 0 findings") && safeOnly.stderr.contains("(28 more with --unsafe-fixes)"), "\(safeOnly.stderr)")
        let result = try runTool(["fix", ".", "--unsafe-fixes"], in: folder.path)
        #expect(result.status == 1)
        // Each file's diff is headed by what its fixes change for whoever runs the stack.
        #expect(result.stdout.contains("# CA303 no-log-rotation, unsafe, 5 places: Docker keeps 3 log files of 10 MB per container: "
            + "older log lines are deleted\n"), "\(result.stdout.prefix(600))")
        #expect(result.stdout.contains("--- a/docker-compose.yml\n+++ b/docker-compose.yml\n@@ "))
        #expect(result.stdout.contains("+    restart: unless-stopped") == false, "every service already has a restart policy")
        #expect(result.stderr.contains("\n  CA201 container-runs-as-root, unsafe, 1 place: The image gets a new user"), "\(result.stderr)")
        #expect(text(folder, "docker-compose.yml") == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".env.example").path))
    }

    /// Two projects build one Dockerfile (different targets): `fix --recursive --write` keeps both projects' edits
    /// (the second project is fixed over the first one's result, and the file is written once).
    @Test func projectsSharingAFileKeepEachOthersFixes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ca-share-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["other", "app"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "services:\n  web:\n    build: {context: ./app, target: dev}\n"
            .write(to: root.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "services:\n  web:\n    build: {context: ../app}\n"
            .write(to: root.appendingPathComponent("other/compose.yaml"), atomically: true, encoding: .utf8)
        let dockerfile = root.appendingPathComponent("app/Dockerfile")
        try "FROM python:3.12-slim AS base\nFROM base AS dev\nRUN pip install watchdog\nFROM base AS final\nRUN pip install gunicorn\n"
            .write(to: dockerfile, atomically: true, encoding: .utf8)
        let dryRun = try runTool(["fix", ".", "--recursive", "--select", "CA408"], in: root.path)
        #expect(dryRun.stdout.components(separatedBy: "+++ ").count == 2, "one diff for the shared file: \(dryRun.stdout)")
        let written = try runTool(["fix", ".", "--recursive", "--write", "--select", "CA408"], in: root.path)
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOf: dockerfile, encoding: .utf8)
        #expect(text.contains("pip install --no-cache-dir watchdog") && text.contains("pip install --no-cache-dir gunicorn"), "\(text)")
        let again = try runTool(["fix", ".", "--recursive", "--select", "CA408"], in: root.path)
        #expect(again.status == 0 && again.stdout.isEmpty, "a second fix changes nothing: \(again.stdout)")
    }

    @Test func selectLimitsTheRules() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = try runTool(["fix", ".", "--unsafe-fixes", "--select", "CA5"], in: folder.path)
        #expect(result.status == 1)
        let added = result.stdout.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        #expect(added == ["+      - ./static:/app/static:ro", "+      - ./uploads:/app/uploads:ro"])
    }

    @Test func readOnlyFileIsLeftAloneWithAClearError() throws {
        let folder = try temporaryCopy(of: "tsh-erp")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let compose = folder.appendingPathComponent("docker-compose.yml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: compose)
        let before = text(folder, "Dockerfile")
        let result = try runTool(["fix", ".", "--write", "--unsafe-fixes"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("read-only"))
        #expect(text(folder, "Dockerfile") == before, "nothing else changes")
    }

    @Test func writesKeepModeAndLineEndings() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ca-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let compose = parent.appendingPathComponent("compose.yaml")
        try Data("# web\r\nservices:\r\n  web:\r\n    image: nginx:1.27".utf8).write(to: compose)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: compose.path)
        let result = try runTool(["fix", ".", "--write", "--unsafe-fixes", "--select", "CA306"], in: parent.path)
        #expect(result.status == 0)
        let fixed = try Data(contentsOf: compose)
        #expect(String(decoding: fixed, as: UTF8.self) == "# web\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n    restart: unless-stopped")
        let mode = try FileManager.default.attributesOfItem(atPath: compose.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}

@Suite("Markdown reports")
struct MarkdownReportTests {
    @Test func checkMarkdownMatchesGolden() throws {
        let result = try runTool(["check", "Fixtures/tsh-erp", "--format", "markdown", "--fail-on", "never"])
        #expect(result.status == 0)
        #expect(try matchesGolden(result.stdout, "tsh-erp.check.md"))
    }

    @Test func fixReportHasScoresFixesMetricsAndLeftovers() throws {
        let folder = try temporaryCopy(of: "twlan")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let report = folder.deletingLastPathComponent().appendingPathComponent("report.md").path
        let result = try runTool(["fix", ".", "--write", "--unsafe-fixes", "--report", report], in: folder.path)
        #expect(result.status == 0)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("# compose-audit fix report: twlan"))
        #expect(text.contains("| Services with resource limits | 0/9 |"))
        #expect(text.contains("| Services with log rotation | 0/9 |"))
        #expect(text.contains("| Images with OCI labels | 0/2 | 2/2 |"))
        #expect(text.contains("| Build context sent (after .dockerignore) |"))
        #expect(text.contains("## Left for a human"))
        #expect(text.contains("| high | CA215 | `.env:3` |"), "weak passwords stay for a human")
    }
}
