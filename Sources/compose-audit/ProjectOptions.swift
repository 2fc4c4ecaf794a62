import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine

/// Which projects a command reads, the same on `check`, `fix`, `baseline create` and `config`: folders or compose
/// files, `-f` files of one project, `--recursive` discovery and `--exclude` globs.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "Project folders, or compose files (default: the current folder).")
    var paths: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")],
            help: "A compose file to load instead of the default ones (repeat to layer files, as docker compose -f does).")
    var files: [String] = []

    @Flag(help: "Every compose project below the given folders (also compose files with other names, such as compose.prod.yml).")
    var recursive = false

    @Option(help: ArgumentHelp("With --recursive, skip projects whose folder or compose file matches this glob (repeatable; also `exclude:` in the configuration).", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "With --recursive, also the projects in test folders (testdata, fixtures, tests, __tests__, integration-test, .ci, e2e, cypress, ...), which are left out by default.")
    var includeTests = false

    var request: ProjectRequest {
        ProjectRequest(paths: paths, files: files, recursive: recursive, exclude: exclude, includeTests: includeTests)
    }
}

/// `ProjectOptions` as plain values (the quick path of `check` fills them without the parser).
struct ProjectRequest: Sendable {
    var paths: [String] = []
    var files: [String] = []
    var recursive = false
    var exclude: [String] = []
    var includeTests = false

    /// The projects named, and the paths that name none (each an error line; the rest are still audited).
    /// Throws for a usage error that stops the command (exit 2).
    func resolve(fileSystem: any FileSystem, configurationPath: String?) throws -> (targets: [ProjectTarget], errors: [TargetError]) {
        let roots = paths.isEmpty ? ["."] : paths.map(ProjectTarget.relativeToWorkingFolder)
        guard recursive else {
            if roots.count > 1 && !files.isEmpty {
                throw ValidationError("-f/--file names the files of one project; use it with a single folder")
            }
            var targets: [ProjectTarget] = []
            var errors: [TargetError] = []
            for root in roots {
                do throws(TargetError) {
                    targets.append(try ProjectTarget.resolve(root, files: files, fileSystem: fileSystem))
                } catch {
                    errors.append(error)
                }
            }
            return (targets, errors)
        }
        if let missing = roots.first(where: { !fileSystem.exists($0) }) { return ([], [.missing(missing)]) }
        var targets: [ProjectTarget] = []
        var inTestFolders = 0
        for root in roots {
            let excluded = exclude + Self.configuredExclude(under: root, configurationPath: configurationPath, fileSystem: fileSystem)
            for target in ProjectDiscovery.projects(under: root, fileSystem: fileSystem) where !Self.matches(excluded, target: target, root: root) {
                if !includeTests && ProjectDiscovery.isInTestFolder(target, root: root) {
                    inTestFolders += 1
                } else {
                    targets.append(target)
                }
            }
        }
        if inTestFolders > 0 {
            Console.error("note: left out \(inTestFolders) compose project\(inTestFolders == 1 ? "" : "s") in test folders (testdata, fixtures, tests, e2e, ...); --include-tests checks them")
        }
        guard !targets.isEmpty else { return ([], [.noProjectBelow(roots)]) }
        if !files.isEmpty {
            guard targets.count == 1 else { throw ValidationError("-f/--file names the files of one project; use it with a single folder") }
            targets[0].files = files.map(ProjectTarget.relativeToWorkingFolder)
        }
        return (targets, [])
    }

    /// `exclude:` of the configuration that governs a recursive root (`--config`, else `<root>/.compose-audit.yml`).
    static func configuredExclude(under root: String, configurationPath: String?, fileSystem: any FileSystem) -> [String] {
        let path = configurationPath ?? PathName.join(root, Configuration.fileName)
        guard let bytes = try? fileSystem.contents(of: path),
              let configuration = try? Configuration.parse(SourceFile(path: path, bytes: bytes)) else { return [] }
        return configuration.exclude
    }

    /// Whether a glob matches the project's folder or compose file, relative to the recursive root or as written.
    static func matches(_ globs: [String], target: ProjectTarget, root: String) -> Bool {
        guard !globs.isEmpty else { return false }
        let candidates = ([target.folder] + target.files).flatMap { path in
            [path, PathName.relative(path, to: root) ?? path]
        }
        return globs.contains { glob in candidates.contains { Configuration.glob(glob, matches: $0) } }
    }
}
