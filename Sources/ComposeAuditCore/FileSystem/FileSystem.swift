/// What kind of thing a path names. Symbolic links are reported as links, never followed.
public enum FileKind: Sendable, Equatable {
    case file(size: Int)
    case directory
    case symbolicLink
    case other
}

public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    public var kind: FileKind

    public init(name: String, kind: FileKind) {
        self.name = name
        self.kind = kind
    }
}

public enum FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case notAFile(String)
    case tooLarge(String, size: Int, limit: Int)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .notAFile(let path): "\(path): not a regular file"
        case .tooLarge(let path, let size, let limit): "\(path): file is \(size) bytes, over the limit of \(limit) bytes"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }

    public var path: String {
        switch self {
        case .notFound(let path), .notAFile(let path), .tooLarge(let path, _, _), .unreadable(let path, _): path
        }
    }
}

/// The project's files as the loader sees them. Paths are relative to the audited folder (or absolute).
/// The real disk and in-memory example projects both implement it, so every rule can be tested
/// without touching the disk.
public protocol FileSystem: Sendable {
    /// The kind of `path` without following a final symbolic link, or nil when nothing is there.
    func kind(of path: String) -> FileKind?
    /// The bytes of a regular file (following symbolic links).
    func contents(of path: String) throws(FileSystemError) -> [UInt8]
    /// The entries of a directory, sorted by name; empty when it cannot be read.
    func entries(of directory: String) -> [DirectoryEntry]
}

extension FileSystem {
    public func isFile(_ path: String) -> Bool {
        if case .file = kind(of: path) { return true }
        return false
    }

    public func isDirectory(_ path: String) -> Bool { kind(of: path) == .directory }

    public func exists(_ path: String) -> Bool { kind(of: path) != nil }
}
