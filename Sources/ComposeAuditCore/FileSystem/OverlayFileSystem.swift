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
        let key = PathName.normalize(path)
        if let bytes = overrides[key] { return .file(size: bytes.count) }
        if let kind = base.kind(of: path) { return kind }
        return overrides.keys.contains { PathName.relative($0, to: key) != nil && $0 != key } ? .directory : nil
    }

    public func contents(of path: String) throws(FileSystemError) -> [UInt8] {
        if let bytes = overrides[PathName.normalize(path)] { return bytes }
        return try base.contents(of: path)
    }

    public func entries(of directory: String) -> [DirectoryEntry] {
        var entries = base.entries(of: directory)
        let folder = PathName.normalize(directory)
        for (path, bytes) in overrides {
            guard let relative = PathName.relative(path, to: folder), relative != "." else { continue }
            let parts = relative.split(separator: "/", maxSplits: 1)
            let name = String(parts[0])
            let kind: FileKind = parts.count == 1 ? .file(size: bytes.count) : .directory
            if parts.count > 1 && entries.contains(where: { $0.name == name }) { continue }
            entries.removeAll { $0.name == name }
            entries.append(DirectoryEntry(name: name, kind: kind))
        }
        return entries.sorted { $0.name < $1.name }
    }
}
