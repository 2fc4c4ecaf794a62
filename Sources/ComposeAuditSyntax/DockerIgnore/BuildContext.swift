import ComposeAuditCore

/// A file in a build context with its size and whether `.dockerignore` leaves it out.
public struct ContextFile: Sendable, Hashable {
    public var path: String
    public var size: Int
    public var isIgnored: Bool
}

/// A build context folder: its `.dockerignore` (if any) and the files it would send to the builder.
public struct BuildContext: Sendable {
    /// The context folder relative to the project root.
    public var path: String
    public var dockerIgnore: DockerIgnore?
    public var files: [ContextFile]
    /// True when the walk stopped at `ContextWalker.maximumFiles`.
    public var isTruncated: Bool

    public var sentBytes: Int { files.lazy.filter { !$0.isIgnored }.reduce(0) { $0 + $1.size } }
    public var totalBytes: Int { files.reduce(0) { $0 + $1.size } }

    /// Whether `path` (relative to the context) is sent to the builder.
    public func isSent(_ path: String) -> Bool { !(dockerIgnore?.excludes(path) ?? false) }
}

/// Lists a context's files without following symbolic links (so a link cannot lead outside it).
public struct ContextWalker {
    public static let maximumFiles = 200_000
    let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) { self.fileSystem = fileSystem }

    public func walk(context: String, dockerIgnore: DockerIgnore?) -> BuildContext {
        var files: [ContextFile] = []
        var pending: [String] = ["."]
        var truncated = false
        while let relative = pending.popLast() {
            let folder = relative == "." ? context : PathName.join(context, relative)
            for entry in fileSystem.entries(of: folder) {
                let path = relative == "." ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .directory:
                    if let ignore = dockerIgnore, ignore.excludes(path), !ignore.mayReinclude(below: path) {
                        files.append(contentsOf: summarizeIgnored(folder: PathName.join(context, path), as: path))
                    } else {
                        pending.append(path)
                    }
                case .file(let size):
                    files.append(ContextFile(path: path, size: size, isIgnored: dockerIgnore?.excludes(path) ?? false))
                case .symbolicLink, .other:
                    files.append(ContextFile(path: path, size: 0, isIgnored: dockerIgnore?.excludes(path) ?? false))
                }
                if files.count >= Self.maximumFiles {
                    truncated = true
                    pending.removeAll()
                    break
                }
            }
        }
        files.sort { $0.path < $1.path }
        return BuildContext(path: context, dockerIgnore: dockerIgnore, files: files, isTruncated: truncated)
    }

    /// An excluded folder is still measured (its bytes are what the exclusion saves), up to the file cap.
    private func summarizeIgnored(folder: String, as path: String) -> [ContextFile] {
        var result: [ContextFile] = []
        var pending = [(folder, path)]
        while let (current, display) = pending.popLast(), result.count < Self.maximumFiles {
            for entry in fileSystem.entries(of: current) {
                let child = display + "/" + entry.name
                switch entry.kind {
                case .directory: pending.append((current + "/" + entry.name, child))
                case .file(let size): result.append(ContextFile(path: child, size: size, isIgnored: true))
                default: result.append(ContextFile(path: child, size: 0, isIgnored: true))
                }
            }
        }
        return result
    }
}
