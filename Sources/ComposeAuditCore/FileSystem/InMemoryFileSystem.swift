/// A file tree held in memory: rule examples and tests build whole projects with it.
public struct InMemoryFileSystem: FileSystem {
    private var files: [String: [UInt8]]
    private var directories: Set<String>

    /// `files` maps relative paths to their text. A path ending in `/` creates an empty folder.
    public init(files: [String: String]) {
        var stored: [String: [UInt8]] = [:]
        var folders: Set<String> = ["."]
        for (rawPath, text) in files {
            let isFolder = rawPath.hasSuffix("/")
            let path = PathName.normalize(rawPath)
            if isFolder { folders.insert(path) } else { stored[path] = Array(text.utf8) }
            var parent = isFolder ? path : PathName.directory(of: path)
            while parent != "." && parent != "/" && !parent.isEmpty {
                folders.insert(parent)
                parent = PathName.directory(of: parent)
            }
        }
        self.files = stored
        self.directories = folders
    }

    public func kind(of path: String) -> FileKind? {
        let key = PathName.normalize(path)
        if let bytes = files[key] { return .file(size: bytes.count) }
        return directories.contains(key) ? .directory : nil
    }

    public func contents(of path: String) throws(FileSystemError) -> [UInt8] {
        let key = PathName.normalize(path)
        guard let bytes = files[key] else {
            throw directories.contains(key) ? .notAFile(path) : .notFound(path)
        }
        return bytes
    }

    public func entries(of directory: String) -> [DirectoryEntry] {
        let key = PathName.normalize(directory)
        var names: [String: FileKind] = [:]
        for (path, bytes) in files {
            if let rest = PathName.relative(path, to: key), rest != ".", !rest.contains("/") {
                names[rest] = .file(size: bytes.count)
            }
        }
        for folder in directories {
            if let rest = PathName.relative(folder, to: key), rest != ".", !rest.contains("/") {
                names[rest] = .directory
            }
        }
        return names.keys.sorted().map { DirectoryEntry(name: $0, kind: names[$0] ?? .other) }
    }
}
