import ComposeAuditCore

/// Compose resolves a file's relative paths against that file's folder (`extends: {file:}`, `include:`).
/// The project model keeps every path relative to the project folder, so a model loaded from another
/// folder has its build contexts, env files and bind sources rewritten; their locations do not change.
extension ComposeModel {
    /// `folder` is the loaded file's base folder relative to the project folder (`sub`, `../common`).
    public func rebasingPaths(from folder: String) -> ComposeModel {
        guard PathName.normalize(folder) != "." else { return self }
        var result = self
        result.services = services.map { $0.rebasingPaths(from: folder) }
        result.reindex()
        return result
    }
}

extension Service {
    public func rebasingPaths(from folder: String) -> Service {
        var result = self
        if var build = result.build, !ComposePaths.isRemoteContext(build.context.value) {
            build.context.value = ComposePaths.rebase(build.context.value, from: folder)
            result.build = build
        }
        for index in result.envFiles.indices {
            result.envFiles[index].path.value = ComposePaths.rebase(result.envFiles[index].path.value, from: folder)
        }
        for index in result.volumes.indices where result.volumes[index].kind == .bind {
            if let source = result.volumes[index].source { result.volumes[index].source = ComposePaths.rebase(source, from: folder) }
        }
        return result
    }
}

public enum ComposePaths {
    /// A relative path of a file in `folder`, made relative to the project folder; absolute, `~` and
    /// Windows paths are left alone. A `./` prefix is kept so that a bind source still reads as a path.
    public static func rebase(_ path: String, from folder: String) -> String {
        guard let first = path.first, first != "/", first != "~", first != "\\", !path.contains(":\\") else { return path }
        let joined = PathName.join(folder, path)
        return joined.hasPrefix(".") || joined.hasPrefix("/") ? joined : "./" + joined
    }

    /// Git URLs and remote tarballs are not folders.
    public static func isRemoteContext(_ context: String) -> Bool {
        context.contains("://") || context.hasPrefix("git@") || context.hasSuffix(".git")
    }
}
