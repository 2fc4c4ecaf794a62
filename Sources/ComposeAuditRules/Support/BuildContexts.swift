import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// A local build context with the services that build from it and the location of their `build:`.
struct ContextUse {
    var context: BuildContext?
    var path: String
    var services: [String]
    var buildLocation: SourceLocation
    var dockerfiles: [Dockerfile]
}

extension Project {
    /// Each local, existing build context once, in service order.
    func contextUses() -> [ContextUse] {
        var uses: [ContextUse] = []
        for service in services {
            guard let build = build(of: service.name), let path = build.contextPath, let spec = service.build,
                  host.state(of: path) == .directory else { continue }
            if let index = uses.firstIndex(where: { $0.path == path }) {
                uses[index].services.append(service.name)
                if let dockerfile = build.dockerfile, !uses[index].dockerfiles.contains(where: { $0.path == dockerfile.path }) {
                    uses[index].dockerfiles.append(dockerfile)
                }
            } else {
                uses.append(ContextUse(context: contexts[path], path: path, services: [service.name],
                                       buildLocation: spec.context.location, dockerfiles: build.dockerfile.map { [$0] } ?? []))
            }
        }
        return uses
    }
}

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
