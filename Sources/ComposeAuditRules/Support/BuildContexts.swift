import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// Files and folders a build never needs, as `.dockerignore` patterns with a matcher for context paths.
enum BuildClutter {
    struct Entry {
        var pattern: String
        /// A folder name matched at any depth, or a file-name suffix.
        var folder: String?
        var suffix: String?
    }

    static let entries: [Entry] = [
        Entry(pattern: ".git", folder: ".git"),
        Entry(pattern: "**/node_modules", folder: "node_modules"),
        Entry(pattern: "**/__pycache__", folder: "__pycache__"),
        Entry(pattern: ".venv", folder: ".venv"),
        Entry(pattern: "**/.pytest_cache", folder: ".pytest_cache"),
        Entry(pattern: "**/.mypy_cache", folder: ".mypy_cache"),
        Entry(pattern: "**/.ruff_cache", folder: ".ruff_cache"),
        Entry(pattern: ".tox", folder: ".tox"),
        Entry(pattern: "coverage", folder: "coverage"),
        Entry(pattern: "htmlcov", folder: "htmlcov"),
        Entry(pattern: "logs", folder: "logs"),
        Entry(pattern: "**/*.log", suffix: ".log"),
        Entry(pattern: "docs", folder: "docs"),
        Entry(pattern: ".idea", folder: ".idea"),
        Entry(pattern: ".vscode", folder: ".vscode"),
    ]

    /// The clutter entry a context file belongs to (`docs/x.md` -> `docs`), if any.
    static func entry(for path: String) -> Entry? {
        let parts = path.split(separator: "/")
        for entry in entries {
            if let folder = entry.folder {
                let topLevelOnly = !entry.pattern.hasPrefix("**/")
                let folders = topLevelOnly ? Array(parts.prefix(1)) : Array(parts.dropLast())
                if parts.count > 1, folders.contains(where: { $0 == folder }) { return entry }
            } else if let suffix = entry.suffix, path.hasSuffix(suffix) {
                return entry
            }
        }
        return nil
    }
}

/// Sizes for messages: `512 B`, `12.3 KB`, `4.5 MB`.
enum ByteCount {
    static func format(_ bytes: Int) -> String { TextFormatting.bytes(bytes) }
}

extension ContextUse {
    /// Paths the context's Dockerfiles copy by name (excluding them would break the build).
    var copiedSources: [String] { DockerignoreIncompleteRule.copiedSources(dockerfiles) }

    /// Whether a build from this context can put `file` (a path in the context) into an image: a `COPY`/`ADD` of
    /// the whole context, of a folder above the file, of the file, or of a pattern; or a `RUN --mount=type=bind` of
    /// the context. True when no Dockerfile could be read (nothing says otherwise).
    func mayCopy(_ file: String) -> Bool {
        guard !dockerfiles.isEmpty else { return true }
        let target = PathName.normalize(file)
        for dockerfile in dockerfiles {
            for instruction in dockerfile.instructions {
                if instruction.keyword == "RUN", instruction.flags.contains(where: { flag in
                    flag.name == "mount" && Self.bindMountReaches(flag.value ?? "", target)
                }) {
                    return true
                }
                guard instruction.keyword == "COPY" || instruction.keyword == "ADD", instruction.flag("from") == nil else { continue }
                for source in instruction.words.dropLast() where !source.hasPrefix("<<") && !Self.isRemote(source) {
                    // A variable stands for any part of a name (`config/${MIX_ENV}.exs`).
                    let path = Self.variablesAsWildcards(PathName.normalize(source.hasPrefix("/") ? String(source.dropFirst()) : source))
                    if path == "." || path.isEmpty || path == "*" { return true }
                    // A pattern copies what it matches, and a matched folder with everything in it.
                    if path.contains(where: { "*?[".contains($0) }) {
                        if Configuration.glob(path, matches: target) { return true }
                        continue
                    }
                    if target == path || target.hasPrefix(path + "/") { return true }
                }
            }
        }
        return false
    }

    /// Whether a `RUN --mount` of the context (`type=bind` without `from=`) makes `file` visible to the command: its
    /// `source` (the whole context by default) is the file or a folder above it.
    static func bindMountReaches(_ options: String, _ file: String) -> Bool {
        var fields: [String: String] = [:]
        for option in options.split(separator: ",") {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        guard fields["type"] == "bind", fields["from"] == nil else { return false }
        let source = variablesAsWildcards(PathName.normalize(fields["source"] ?? fields["src"] ?? "."))
        if source == "." || source.isEmpty || source == "*" { return true }
        if source.contains(where: { "*?[".contains($0) }) { return Configuration.glob(source, matches: file) }
        return file == source || file.hasPrefix(source + "/")
    }

    /// Whether an `ADD` source is fetched from elsewhere (a URL, a Git repository) rather than the context.
    static func isRemote(_ source: String) -> Bool {
        source.contains("://") || source.hasPrefix("git@")
    }

    /// `config/${MIX_ENV}.exs` as the pattern `config/*.exs`.
    static func variablesAsWildcards(_ path: String) -> String {
        guard path.contains("$") else { return path }
        var result = ""
        var characters = Substring(path)
        while let first = characters.first {
            characters = characters.dropFirst()
            guard first == "$" else { result.append(first); continue }
            if characters.first == "{" {
                characters = characters.drop { $0 != "}" }.dropFirst()
            } else {
                characters = characters.drop { $0.isLetter || $0.isNumber || $0 == "_" }
            }
            if result.last != "*" { result.append("*") }
        }
        return result
    }

    /// The `.dockerignore` path a new file would take.
    var dockerignorePath: String { PathName.join(path, ".dockerignore") }

    /// Appends patterns to the context's `.dockerignore` (after a final newline), or creates it.
    func appending(_ patterns: [String], comment: String) -> FileChange? {
        guard let context, !patterns.isEmpty else { return nil }
        guard let ignore = context.dockerIgnore else {
            return FileChange(path: dockerignorePath, creating: (["# \(comment)"] + patterns).joined(separator: "\n") + "\n")
        }
        let source = ignore.source
        let newline = source.usesCRLF ? "\r\n" : "\n"
        let body = "# \(comment)" + newline + patterns.joined(separator: newline)
        let text: String
        if source.bytes.isEmpty {
            text = body + newline
        } else if source.bytes.last == 0x0A {
            text = newline + body + newline
        } else {
            text = newline + newline + body
        }
        return FileChange(path: source.path, edits: [.insert(text, at: source.bytes.count)])
    }
}
