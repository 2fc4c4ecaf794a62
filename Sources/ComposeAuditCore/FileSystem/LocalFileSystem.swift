#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk, read with POSIX calls. Relative paths are resolved against `root`.
public struct LocalFileSystem: FileSystem {
    public let root: String
    /// Files larger than this are refused rather than read.
    public let maximumFileSize: Int

    public init(root: String, maximumFileSize: Int = 64 << 20) {
        self.root = root
        self.maximumFileSize = maximumFileSize
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : PathName.join(root, path)
    }

    public func kind(of path: String) -> FileKind? {
        var info = stat()
        guard lstat(absolute(path), &info) == 0 else { return nil }
        return Self.kind(info)
    }

    static func kind(_ info: stat) -> FileKind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .file(size: Int(info.st_size))
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }

    public func contents(of path: String) throws(FileSystemError) -> [UInt8] {
        let full = absolute(path)
        let descriptor = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path) }
            throw .unreadable(path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path) }
        let size = Int(info.st_size)
        guard size <= maximumFileSize else { throw .tooLarge(path, size: size, limit: maximumFileSize) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + total, size - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        if total < size { bytes.removeLast(size - total) }
        return bytes
    }

    public func entries(of directory: String) -> [DirectoryEntry] {
        let full = absolute(directory)
        guard let handle = opendir(full) else { return [] }
        defer { closedir(handle) }
        var result: [DirectoryEntry] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            let kind: FileKind = lstat(full + "/" + name, &info) == 0 ? Self.kind(info) : .other
            result.append(DirectoryEntry(name: name, kind: kind))
        }
        return result.sorted { $0.name < $1.name }
    }
}
