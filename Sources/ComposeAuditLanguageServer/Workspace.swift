import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

/// Loads a project through a file system: the command line's loader, with its limits, rules and configuration.
public typealias ProjectLoading = @Sendable (_ folder: String, _ files: [String], _ fileSystem: any FileSystem) throws(ProjectLoader.LoadError) -> Project

/// A project the server analyses: a folder, or a compose file with another name in a folder without a default one.
struct ProjectKey: Hashable, Sendable {
    var folder: String
    var files: [String]
}

/// What the last analysis of a project found, file by file.
struct Analysis {
    var findings: [Finding] = []
    var sources: [String: SourceFile] = [:]
    /// Load errors (the project could not be read), where they are.
    var errors: [InputError] = []

    /// Every file this analysis has something to say about, or read.
    var paths: Set<String> {
        Set(sources.keys).union(findings.map(\.location.path)).union(errors.map(\.path))
    }
}

/// The open documents (unsaved text wins over the disk) and the projects they belong to. Absolute paths throughout.
final class Workspace {
    private(set) var documents: [String: [UInt8]] = [:]
    private(set) var analyses: [ProjectKey: Analysis] = [:]
    private var dirty: Set<ProjectKey> = []
    let load: ProjectLoading
    let disk: LocalFileSystem

    init(disk: LocalFileSystem, load: @escaping ProjectLoading) {
        self.disk = disk
        self.load = load
    }

    var fileSystem: any FileSystem {
        var overlay = OverlayFileSystem(base: disk)
        for (path, bytes) in documents { overlay.write(path, bytes) }
        return overlay
    }

    func open(_ path: String, text: [UInt8]) {
        documents[path] = text
        touch(path)
    }

    func close(_ path: String) {
        documents[path] = nil
        touch(path)
    }

    /// A file changed (in a buffer or on disk): its project and every project that read it are analysed again;
    /// a change to the tool's configuration re-analyses them all.
    func touch(_ path: String) {
        if PathName.lastComponent(of: path) == Configuration.fileName {
            dirty.formUnion(analyses.keys)
        }
        for (key, analysis) in analyses where analysis.paths.contains(path) { dirty.insert(key) }
        if let key = project(containing: path) { dirty.insert(key) }
    }

    var hasWork: Bool { !dirty.isEmpty }

    /// Analyses every project waiting for it; returns the files whose diagnostics may have changed.
    func analyseDirty() -> Set<String> {
        var changed: Set<String> = []
        let fileSystem = self.fileSystem
        for key in dirty.sorted(by: { ($0.folder, $0.files.joined(separator: "\n")) < ($1.folder, $1.files.joined(separator: "\n")) }) {
            changed.formUnion(analyses[key]?.paths ?? [])
            let analysis = analyse(key, fileSystem: fileSystem)
            analyses[key] = analysis
            changed.formUnion(analysis.paths)
        }
        dirty.removeAll()
        return changed
    }

    func analyse(_ key: ProjectKey, fileSystem: any FileSystem) -> Analysis {
        do {
            let project = try load(key.folder, key.files, fileSystem)
            let report = Linter(rules: BuiltinRules.all).audit(project)
            return Analysis(findings: report.findings, sources: report.sources)
        } catch .input(let error) {
            return Analysis(errors: error.all)
        } catch {
            return Analysis(errors: [InputError(path: key.files.first ?? PathName.join(key.folder, "compose.yaml"),
                                                position: LineColumn(line: 1, column: 1), reason: error.description)])
        }
    }

    /// The project a file belongs to: a compose file's own folder, else the nearest folder above that holds a
    /// default compose file; a compose file with another name, in a folder without a default one, on its own.
    func project(containing path: String) -> ProjectKey? {
        let fileSystem = self.fileSystem
        let name = PathName.lastComponent(of: path)
        var folder = PathName.directory(of: path)
        let loader = ProjectLoader(fileSystem: fileSystem)
        if !ProjectLoader.defaultComposeNames.contains(name), name.lowercased().contains("compose"),
           name.hasSuffix(".yml") || name.hasSuffix(".yaml"), loader.defaultComposeFiles(in: folder).isEmpty {
            return ProjectKey(folder: folder, files: [path])
        }
        while true {
            if !loader.defaultComposeFiles(in: folder).isEmpty { return ProjectKey(folder: folder, files: []) }
            let parent = PathName.directory(of: folder)
            if parent == folder || folder == "/" || folder.isEmpty { return nil }
            folder = parent
        }
    }

    /// Every finding of every project about `path`, with the source it was found in.
    func findings(in path: String) -> [(finding: Finding, source: SourceFile?)] {
        analyses.values.flatMap { analysis in
            analysis.findings.filter { $0.location.path == path }.map { ($0, analysis.sources[path]) }
        }
    }

    func errors(in path: String) -> [InputError] {
        analyses.values.flatMap { $0.errors.filter { $0.path == path } }
    }

    /// The key of an analysed project that read `path` (for fixes), if any.
    func analysedProject(reading path: String) -> ProjectKey? {
        analyses.first { $0.value.paths.contains(path) }?.key ?? project(containing: path)
    }

    /// A file's text as the last analysis read it (no disk read), else its current text.
    func analysedSource(_ path: String) -> SourceFile? {
        for analysis in analyses.values { if let source = analysis.sources[path] { return source } }
        return source(path)
    }

    /// A file's current text: the open buffer, else the disk.
    func source(_ path: String) -> SourceFile? {
        if let bytes = documents[path] { return SourceFile(path: path, bytes: bytes) }
        return (try? disk.contents(of: path)).map { SourceFile(path: path, bytes: $0) }
    }
}
