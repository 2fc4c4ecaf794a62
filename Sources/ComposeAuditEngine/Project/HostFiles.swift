import ComposeAuditCore
import ComposeAuditSyntax

/// What the disk holds around a project, as far as rules ask: the loader looks it up once, so rules are pure
/// functions of the loaded project and never read a file system.
public struct HostFiles: Sendable {
    /// What a looked-up path is.
    public enum State: Sendable, Equatable {
        case file, directory, other, missing
        /// The loader did not look the path up: a rule must not conclude anything from it.
        case unknown
    }

    private var kinds: [String: FileKind?] = [:]
    private var contents: [String: [UInt8]] = [:]
    /// Files in the compose file's folder and in its non-hidden folders one level below (`backup.sh`,
    /// `scripts/dump.py`), relative to that folder.
    public private(set) var nearbyFiles: [String] = []
    /// The text of the first `.git/config` found from the compose file's folder up to the audited folder.
    public private(set) var gitConfig: String?
    /// For a file with another name loaded alone (a fragment for `-f`), the `.env` files and documented examples
    /// (`example.env`, ...) of the folders above its own, nearest first (three folders at most): the main file it is
    /// added to reads them (docker-elk's extensions, frappe_docker's overrides).
    public private(set) var enclosingEnvFiles: [String] = []

    public init() {}

    /// What is at `path` (relative to the root), as the loader found it.
    public func state(of path: String) -> State {
        // Rules ask with the paths the loader looked up (already normal): the exact key is found first.
        guard let looked = kinds[path] ?? kinds[PathName.normalize(path)] else { return .unknown }
        switch looked {
        case .file?: return .file
        case .directory?: return .directory
        case .symbolicLink?, .other?: return .other
        case nil: return .missing
        }
    }

    /// The bytes of a file the loader read, nil when it is missing or was not read.
    public func contents(of path: String) -> [UInt8]? { contents[PathName.normalize(path)] }

    /// Looks up every path the project's rules ask about.
    static func gather(for project: Project, from fileSystem: any FileSystem) -> HostFiles {
        var host = HostFiles()
        func look(_ path: String) { host.kinds[PathName.normalize(path)] = .some(fileSystem.kind(of: path)) }
        for service in project.services {
            for mount in service.volumes where mount.kind == .bind {
                if let source = mount.source, source.hasPrefix(".") { look(project.hostPath(source)) }
            }
            for reference in service.envFiles { look(project.hostPath(reference.path.value)) }
        }
        for build in project.builds {
            if let context = build.contextPath { look(context) }
            if let dockerfile = build.dockerfilePath { look(dockerfile) }
        }
        look(project.hostPath(HostFiles.backupFolder))
        look(PathName.join(project.composeDirectory, HostFiles.environmentExample))
        // Example env files that document what `.env` and each env_file should hold (CA502 and CA503 point at them).
        var examples = HostFiles.environmentExamples.map { PathName.join(project.composeDirectory, $0) }
        for service in project.services {
            for reference in service.envFiles {
                examples += HostFiles.exampleSuffixes.map { project.hostPath(reference.path.value) + $0 }
            }
        }
        for path in Set(examples) {
            if let bytes = try? fileSystem.contents(of: path) { host.contents[PathName.normalize(path)] = bytes }
        }
        let gitIgnore = PathName.join(project.composeDirectory, HostFiles.gitIgnore)
        look(gitIgnore)
        if let bytes = try? fileSystem.contents(of: gitIgnore) { host.contents[PathName.normalize(gitIgnore)] = bytes }
        // Only the backup rule reads them, and only for services that keep data in a volume or a bind mount: a
        // project without any (and every keystroke of the language server on one) lists no folders.
        if project.services.contains(where: { $0.volumes.contains { $0.kind == .volume || $0.kind == .bind } }) {
            host.nearbyFiles = nearbyFiles(in: project.composeDirectory, fileSystem)
        }
        host.gitConfig = gitConfig(from: project.composeDirectory, upTo: project.root, fileSystem)
        if project.isOtherFileLoadedAlone {
            var folder = PathName.normalize(project.composeDirectory)
            for _ in 0..<3 {
                let parent = PathName.normalize(PathName.join(folder, ".."))
                // Never above the working folder: `-f extra.yml` in a project reads no `.env` of the folders around it.
                guard parent != folder, !parent.split(separator: "/").allSatisfy({ $0 == ".." }) else { break }
                folder = parent
                for name in [".env"] + HostFiles.environmentExamples {
                    let path = PathName.join(folder, name)
                    if let bytes = try? fileSystem.contents(of: path) {
                        host.contents[PathName.normalize(path)] = bytes
                        host.enclosingEnvFiles.append(PathName.normalize(path))
                    }
                }
            }
        }
        return host
    }

    /// Where the backup fix keeps dumps, relative to the compose file.
    public static let backupFolder = "./backups"
    /// The file that documents the variables a project reads.
    public static let environmentExample = ".env.example"
    /// Files beside the compose file that document `.env` (the first, `environmentExample`, is the one the secret
    /// fix writes).
    public static let environmentExamples = [environmentExample, ".env.sample", ".env.dist", ".env.template", "example.env", "env.example"]
    /// What an env file's documented example is named after it (`app.env.example`).
    public static let exampleSuffixes = [".example", ".sample", ".dist", ".template"]
    /// The compose folder's `.gitignore` (the secret fix keeps a new `.env` out of git).
    public static let gitIgnore = ".gitignore"

    private static func nearbyFiles(in folder: String, _ fileSystem: any FileSystem) -> [String] {
        var files: [String] = []
        for entry in fileSystem.entries(of: folder) {
            if case .file = entry.kind { files.append(entry.name) }
            guard entry.kind == .directory, !entry.name.hasPrefix(".") else { continue }
            for inner in fileSystem.entries(of: PathName.join(folder, entry.name)) {
                if case .file = inner.kind { files.append(entry.name + "/" + inner.name) }
            }
        }
        return files
    }

    private static func gitConfig(from start: String, upTo root: String, _ fileSystem: any FileSystem) -> String? {
        var folder = start
        let root = PathName.normalize(root)
        while true {
            if let bytes = try? fileSystem.contents(of: PathName.join(folder, ".git/config")) {
                return String(decoding: bytes, as: UTF8.self)
            }
            guard folder != root, folder != ".", folder != "/", PathName.isSameOrInside(folder, root) else { return nil }
            folder = PathName.directory(of: folder)
        }
    }
}
