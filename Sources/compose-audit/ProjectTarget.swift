import ComposeAuditCore
import ComposeAuditEngine

/// What a path on the command line names: a project folder, or a compose file of one (as hadolint and
/// compose-lint users pass files by habit). Every command that reads a project resolves its path here, so a
/// missing path, a folder without a compose file and a mistyped command each get their own message.
struct ProjectTarget: Equatable {
    /// The project folder (Compose's project directory).
    var folder: String
    /// Compose files to load instead of the folder's default ones, relative to the working folder (as `-f`).
    var files: [String]

    static let commandNames = ["check", "fix", "baseline", "config", "dockerfile", "rules", "explain", "lsp"]

    /// Resolves `path` with the `-f` files given beside it.
    static func resolve(_ path: String, files: [String], fileSystem: any FileSystem) throws(TargetError) -> ProjectTarget {
        let path = relativeToWorkingFolder(path)
        let files = files.map(relativeToWorkingFolder)
        switch fileSystem.kind(of: path) {
        case nil:
            if !path.contains("/"), let command = closestCommand(to: path) {
                throw .unknownCommand(path, suggestion: command)
            }
            throw .missing(path)
        case .directory?:
            // `COMPOSE_FILE` (environment or the folder's `.env`) names the files as `-f` would; a broken `.env` is
            // reported when the project loads.
            func namedByEnvironment() -> Bool {
                let loader = ProjectLoader(fileSystem: fileSystem, environment: Console.environment)
                return ((try? loader.composeFilesNamedByEnvironment(in: path)) ?? nil) != nil
            }
            if files.isEmpty, ProjectLoader(fileSystem: fileSystem).defaultComposeFiles(in: path).isEmpty, !namedByEnvironment() {
                let below = ProjectDiscovery.projects(under: path, fileSystem: fileSystem).map { $0.files.first ?? $0.folder }
                throw .noComposeFile(path, projectsBelow: below)
            }
            return ProjectTarget(folder: path, files: files)
        default:
            guard files.isEmpty else { throw .fileAndFileOption(path) }
            return ProjectTarget(folder: PathName.directory(of: path), files: [path])
        }
    }

    /// An absolute path inside the working folder, made relative to it: reports name files as the repository does
    /// (SARIF, GitLab and baselines need repository-relative paths), whichever form was typed.
    static func relativeToWorkingFolder(_ path: String) -> String {
        guard path.hasPrefix("/"), let folder = Console.workingFolder else { return path }
        let normalized = PathName.normalize(path)
        if normalized == folder { return "." }
        return normalized.hasPrefix(folder + "/") ? String(normalized.dropFirst(folder.count + 1)) : path
    }

    /// A command name within two edits of `word` (a typo such as `chekc`), if any.
    static func closestCommand(to word: String) -> String? {
        Spelling.closest(to: word, among: commandNames, maximumEdits: 2)
    }
}

/// Why a command-line path names no project.
enum TargetError: Error, CustomStringConvertible {
    case missing(String)
    case unknownCommand(String, suggestion: String)
    case noComposeFile(String, projectsBelow: [String])
    case fileAndFileOption(String)
    case noProjectBelow([String])

    var description: String {
        switch self {
        case .missing(let path):
            "error: \(path): no such file or directory"
        case .unknownCommand(let word, let suggestion):
            "error: unknown command `\(word)` (and no such file or folder); did you mean `\(suggestion)`?"
        case .noComposeFile(let folder, let below) where below.isEmpty:
            "error: \(folder): no compose file found (looked for \(ProjectLoader.defaultComposeNames.joined(separator: ", "))), nor any below it"
        case .noComposeFile(let folder, let below):
            "error: \(folder): no compose file found (looked for \(ProjectLoader.defaultComposeNames.joined(separator: ", ")))\n"
                + "compose projects below it: \(below.prefix(5).joined(separator: ", "))\(below.count > 5 ? " and \(below.count - 5) more" : "")\n"
                + "hint: audit them all with `compose-audit check --recursive \(folder)`"
        case .noProjectBelow(let roots):
            "error: no compose project under \(roots.joined(separator: ", "))"
        case .fileAndFileOption(let path):
            "error: \(path) is a compose file and -f names others: give the project folder with -f, or the files alone"
        }
    }
}
