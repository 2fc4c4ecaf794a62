import ComposeAuditCore

/// A file read and extended a line at a time, as fixes treat `.gitignore`, `.dockerignore`, `.env` and `.env.example`.
enum LineFile {
    /// Whether one of the file's lines, blanks (and a byte order mark) trimmed, is one of `patterns`.
    static func contains(_ bytes: [UInt8], anyOf patterns: [String]) -> Bool {
        lines(bytes).contains { patterns.contains($0) }
    }

    /// Whether a line assigns `name` (`NAME=...`), as in `.env` and `.env.example`.
    static func assigns(_ bytes: [UInt8], _ name: String) -> Bool {
        lines(bytes).contains { $0.hasPrefix(name + "=") }
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: " \t\u{FEFF}") }
    }

    /// A line added at the end of a file (after a final newline it lacks), or the file created with it.
    static func appending(_ line: String, to path: String, existing: [UInt8]?) -> FileChange {
        guard let bytes = existing else { return FileChange(path: path, creating: line + "\n") }
        let newline = bytes.suffix(2) == [0x0D, 0x0A] ? "\r\n" : "\n"
        let prefix = bytes.isEmpty || bytes.last == 0x0A ? "" : newline
        return FileChange(path: path, edits: [.insert(prefix + line + newline, at: bytes.count)])
    }
}
