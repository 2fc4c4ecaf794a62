import ComposeAuditCore
import ComposeAuditEngine

/// Finds compose projects: a folder is one when it holds a default compose file; in a folder without one, each
/// compose file with another name (`*compose*.yml`/`.yaml`, such as `compose.prod.yml` or `quickstart-compose.yaml`)
/// that has a top-level `services:` key is a project of its own.
enum ProjectDiscovery {
    static let skipped: Set<String> = [".git", ".hg", ".svn", "node_modules", "vendor", "dist", "build", "target",
                                       "__pycache__", ".venv", "venv", ".tox", ".idea", ".vscode"]

    /// Words that make a folder one of test inputs (`testdata`, `fixtures`, `tests`, `__tests__`, `_integration-test`,
    /// `e2e`, `cypress`, `.ci`): compose files there feed a test suite (often broken on purpose) and are no stack anyone runs.
    /// `--recursive` leaves them out unless `--include-tests` (Go's tools skip `testdata` likewise).
    static let testWords: Set<String> = ["test", "tests", "testdata", "fixture", "fixtures", "e2e", "cypress", "ci"]

    /// Whether a project found below `root` sits in a test folder, or is a compose file named for tests: a folder
    /// between them or the file's name whose words (split at `-`, `_` and `.`) include one of `testWords` (`latest` or
    /// `contest` is no test folder; `testing` is an environment).
    static func isInTestFolder(_ target: ProjectTarget, root: String) -> Bool {
        let relative = PathName.relative(target.folder, to: PathName.normalize(root)) ?? target.folder
        // A compose file with another name counts too (`docker-compose.test.yml`, `docker-compose.ci-test.yml`).
        let names = relative.split(separator: "/").map(String.init) + target.files.map { PathName.lastComponent(of: $0) }
        return names.contains { PathName.words(of: $0).contains(where: testWords.contains) }
    }

    static func projects(under root: String, fileSystem: any FileSystem) -> [ProjectTarget] {
        var result: [ProjectTarget] = []
        var pending = [PathName.normalize(root)]
        while let folder = pending.popLast() {
            let entries = fileSystem.entries(of: folder)
            if entries.contains(where: { entry in ProjectLoader.defaultComposeNames.contains(entry.name) && entry.kind != .directory }) {
                result.append(ProjectTarget(folder: folder, files: []))
            } else {
                for entry in entries where entry.kind != .directory && isOtherComposeName(entry.name) {
                    let path = PathName.join(folder, entry.name)
                    if declaresServices(path, fileSystem: fileSystem) { result.append(ProjectTarget(folder: folder, files: [path])) }
                }
            }
            for entry in entries where entry.kind == .directory {
                if skipped.contains(entry.name) || entry.name.hasPrefix(".build") { continue }
                pending.append(PathName.join(folder, entry.name))
            }
        }
        return result.sorted { ($0.folder, $0.files.first ?? "") < ($1.folder, $1.files.first ?? "") }
    }

    static func isOtherComposeName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("compose") && (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml"))
            && !ProjectLoader.defaultComposeNames.contains(name) && !lower.contains(".override.")
    }

    /// A cheap look before a parse: a line that starts with `services:` (a compose file, not another YAML file).
    static func declaresServices(_ path: String, fileSystem: any FileSystem) -> Bool {
        guard let bytes = try? fileSystem.contents(of: path) else { return false }
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("services:") }
    }
}
