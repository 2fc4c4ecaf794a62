/// A file system whose files can be replaced or added in memory over a base: the fixer works on
/// one, so nothing touches the disk until every round has been validated.
public struct OverlayFileSystem: FileSystem {
    public let base: any FileSystem
    public private(set) var overrides: [String: [UInt8]] = [:]

    public init(base: any FileSystem) { self.base = base }

    public mutating func write(_ path: String, _ bytes: [UInt8]) {
        overrides[PathName.normalize(path)] = bytes
    }

    public func kind(of path: String) -> FileKind? {
        if let bytes = overrides[PathName.normalize(path)] { return .file(size: bytes.count) }
        return base.kind(of: path)
    }

    public func contents(of path: String) throws(FileSystemError) -> [UInt8] {
        if let bytes = overrides[PathName.normalize(path)] { return bytes }
        return try base.contents(of: path)
    }

    public func entries(of directory: String) -> [DirectoryEntry] {
        var entries = base.entries(of: directory)
        let folder = PathName.normalize(directory)
        for (path, bytes) in overrides where PathName.directory(of: path) == folder {
            let name = PathName.lastComponent(of: path)
            entries.removeAll { $0.name == name }
            entries.append(DirectoryEntry(name: name, kind: .file(size: bytes.count)))
        }
        return entries.sorted { $0.name < $1.name }
    }
}
