#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that each is, at every moment, either its old or its new content: the new text
/// goes to a temporary file in the same folder (mode and owner of the original), is flushed, and
/// replaces the original with `rename`. Several files are staged first and renamed only when every
/// one of them was staged, so a failure changes nothing.
public enum AtomicFileWriter {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        /// Files already replaced when the failure happened (only a failing `rename` leaves any).
        public var replaced: [String] = []
        public var description: String {
            replaced.isEmpty ? "\(path): \(reason); no file was changed"
                : "\(path): \(reason); already replaced: \(replaced.joined(separator: ", "))"
        }
    }

    /// `files` maps paths (relative to the working folder or absolute) to their new bytes.
    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(Failure) {
        var staged: [(temporary: String, target: String)] = []
        var createdFolders: [String] = []
        do {
            for file in files { try createFolders(for: file.path, recording: &createdFolders) }
            for file in files {
                staged.append((try stage(file.bytes, for: file.path), file.path))
            }
        } catch {
            for entry in staged { unlink(entry.temporary) }
            for folder in createdFolders.reversed() { rmdir(folder) }
            throw error
        }
        for (index, entry) in staged.enumerated() where rename(entry.temporary, entry.target) != 0 {
            let reason = String(cString: strerror(errno))
            for remaining in staged[index...] { unlink(remaining.temporary) }
            throw Failure(path: entry.target, reason: "could not replace the file: \(reason)",
                          replaced: staged[..<index].map(\.target))
        }
    }

    /// Creates the missing folders above a new file (a fix may create `backups/.gitkeep`).
    private static func createFolders(for path: String, recording created: inout [String]) throws(Failure) {
        var missing: [String] = []
        var folder = PathName.directory(of: path)
        var info = stat()
        while folder != "." && folder != "/" && stat(folder, &info) != 0 {
            missing.append(folder)
            folder = PathName.directory(of: folder)
        }
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 else {
                throw Failure(path: path, reason: "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
            created.append(folder)
        }
    }

    /// Removes the temporary files killed runs left in these folders (any `.NAME.compose-audit-PID-XXXXXX`
    /// whose process is gone), e.g. in a folder such a run created for a new file the next run no longer writes.
    public static func removeAbandonedTemporaries(in folders: some Sequence<String>) {
        for folder in Set(folders) { removeAbandonedTemporaries(in: folder, stem: ".") }
    }

    /// Temporary files a killed run left behind (`.NAME.compose-audit-PID-XXXXXX` whose process is gone).
    static func removeAbandonedTemporaries(in folder: String, stem: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(stem), let marker = name.firstRange(of: ".compose-audit-") else { continue }
            let rest = name[marker.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder == "." ? name : folder + "/" + name)
            }
        }
    }

    private static func stage(_ bytes: [UInt8], for path: String) throws(Failure) -> String {
        var original = stat()
        let exists = stat(path, &original) == 0
        if exists {
            guard original.st_mode & S_IFMT == S_IFREG else { throw Failure(path: path, reason: "not a regular file") }
            // Mode bits decide, even for root: a file marked read-only is not rewritten behind its owner's back.
            guard access(path, W_OK) == 0, original.st_mode & 0o222 != 0 else {
                throw Failure(path: path, reason: "the file is read-only; nothing was written")
            }
        }
        let folder = PathName.directory(of: path)
        let prefix: String = folder == "." ? "" : folder + "/"
        let stem = "." + PathName.lastComponent(of: path) + ".compose-audit-"
        removeAbandonedTemporaries(in: folder, stem: stem)
        let name: String = stem + "\(getpid())-XXXXXX"
        var template: [CChar] = Array((prefix + name).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "cannot write in \(folder): \(String(cString: strerror(errno)))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = true
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in systemWrite(descriptor, buffer.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                ok = false
                break
            }
            offset += written
        }
        let reason = ok ? "" : String(cString: strerror(errno))
        if exists {
            _ = fchmod(descriptor, original.st_mode & 0o7777)
            _ = fchown(descriptor, original.st_uid, original.st_gid)
        } else {
            _ = fchmod(descriptor, 0o644)
        }
        if ok && fsync(descriptor) != 0 { ok = false }
        close(descriptor)
        guard ok else {
            unlink(temporary)
            throw Failure(path: path, reason: "write failed: \(reason.isEmpty ? String(cString: strerror(errno)) : reason)")
        }
        return temporary
    }
}
