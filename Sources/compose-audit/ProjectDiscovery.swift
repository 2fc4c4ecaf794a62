import ComposeAuditCore
import ComposeAuditEngine

/// Finds compose projects: a folder is one when it holds a default compose file.
enum ProjectDiscovery {
    static let skipped: Set<String> = [".git", ".hg", ".svn", "node_modules", "vendor", "dist", "build", "target",
                                       "__pycache__", ".venv", "venv", ".tox", ".idea", ".vscode"]

    static func projects(under root: String, fileSystem: any FileSystem) -> [String] {
        var result: [String] = []
        var pending = [PathName.normalize(root)]
        while let folder = pending.popLast() {
            let entries = fileSystem.entries(of: folder)
            if entries.contains(where: { entry in ProjectLoader.defaultComposeNames.contains(entry.name) && entry.kind != .directory }) {
                result.append(folder)
            }
            for entry in entries where entry.kind == .directory {
                if skipped.contains(entry.name) || entry.name.hasPrefix(".build") { continue }
                pending.append(PathName.join(folder, entry.name))
            }
        }
        return result.sorted()
    }
}
