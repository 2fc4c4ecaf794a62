import ComposeAuditCore
import ComposeAuditSyntax

/// Loads compose files the way Compose reads them: each file's `include:` items (recursively, cycles
/// refused), then `extends:` (same file or another, cycles refused), with the paths of a file from another
/// folder rebased onto the project folder. Every file read is kept so that rules and fixes can see it.
struct ComposeFileLoader {
    let loader: ProjectLoader
    /// The project folder, which relative paths of the top-level files are resolved against.
    let projectFolder: String
    let scope: VariableScope
    private(set) var trees: [YAMLTree] = []
    /// Trees already parsed (by path), reused when a project is loaded again with another scope.
    private var parsed: [String: YAMLTree]
    /// Models by path, paths already rebased; `extends` not yet resolved.
    private var models: [String: ComposeModel] = [:]
    private var resolved: [String: Service] = [:]

    init(loader: ProjectLoader, projectFolder: String, scope: VariableScope, parsed: [YAMLTree] = []) {
        self.loader = loader
        self.projectFolder = projectFolder
        self.scope = scope
        self.parsed = Dictionary(parsed.map { ($0.source.path, $0) }) { first, _ in first }
    }

    /// The top-level files (`-f`, or the default names) merged in order; their relative paths count from
    /// the project folder.
    mutating func loadTopLevel(_ paths: [String]) throws(ProjectLoader.LoadError) -> ComposeModel {
        var model: ComposeModel?
        for path in paths {
            // Compose refuses an empty file alone, and skips one among others (an `extras` file left empty).
            if paths.count > 1, try isEmpty(path) { continue }
            let loaded = try loadResolved(path, baseFolder: projectFolder, scope: scope, includeChain: [])
            model = model.map { $0.merged(with: loaded) } ?? loaded
        }
        return model ?? ComposeModel()
    }

    private mutating func loadResolved(_ path: String, baseFolder: String, scope: VariableScope,
                                       includeChain: [String]) throws(ProjectLoader.LoadError) -> ComposeModel {
        var model = try read(path, baseFolder: baseFolder, scope: scope)
        for index in model.services.indices where model.services[index].extends != nil {
            model.services[index] = try resolveExtends(model.services[index], in: path, chain: [])
        }
        model.reindex()
        for include in model.includes {
            let includingFolder = PathName.directory(of: path)
            for relative in include.paths where !Self.isRemote(relative) {
                let includedPath = PathName.join(includingFolder, relative)
                if includeChain.contains(includedPath) || includedPath == path {
                    throw .input(InputError(path: include.location.path, position: position(of: include.location),
                                            reason: "include cycle detected: \((includeChain + [path, includedPath]).joined(separator: " -> "))"))
                }
                let folder = include.projectDirectory.map { PathName.join(includingFolder, $0) } ?? PathName.directory(of: includedPath)
                let includedScope = try self.scope(forIncludeIn: folder, envFiles: include.envFiles.map { PathName.join(includingFolder, $0) })
                let included = try loadResolved(includedPath, baseFolder: folder, scope: includedScope,
                                                includeChain: includeChain + [path])
                // As Compose does: the including file (and the includes before this one) layered over what it
                // includes, so a service adjusted locally merges into the included one and the local values win.
                var layered = included.merged(with: model)
                layered.name = model.name
                layered.versionKey = model.versionKey
                layered.includes = model.includes
                model = layered
            }
        }
        return model
    }

    /// Whether the file holds no document but comments or nothing.
    private mutating func isEmpty(_ path: String) throws(ProjectLoader.LoadError) -> Bool {
        let tree = try self.tree(path)
        return tree.documents.allSatisfy { tree.isNull($0) }
    }

    /// The file parsed, once.
    private mutating func tree(_ path: String) throws(ProjectLoader.LoadError) -> YAMLTree {
        if let known = parsed[path] { return known }
        let limits = loader.yamlLimits
        let tree = try loader.parse(path) { source throws(InputError) in try YAMLParser.parse(source, limits: limits) }
        parsed[path] = tree
        return tree
    }

    /// Parses one file (once) and rebases its paths from `baseFolder` onto the project folder.
    private mutating func read(_ path: String, baseFolder: String, scope: VariableScope) throws(ProjectLoader.LoadError) -> ComposeModel {
        if let model = models[path] { return model }
        let tree = try self.tree(path)
        let loaded: ComposeModel
        do { loaded = try ComposeLoader.load(tree, scope: scope) } catch { throw .input(error) }
        let model = loaded.rebasingPaths(from: PathName.relative(baseFolder, to: projectFolder))
        trees.append(tree)
        models[path] = model
        return model
    }

    /// The service merged over the service it extends (itself resolved first); locations stay where written.
    private mutating func resolveExtends(_ service: Service, in path: String,
                                         chain: [String]) throws(ProjectLoader.LoadError) -> Service {
        guard let reference = service.extends else { return service }
        let key = "\(path)#\(service.name)"
        if let done = resolved[key] { return done }
        if chain.contains(key) {
            throw .input(InputError(path: reference.location.path, position: position(of: reference.location),
                                    reason: "circular reference with extends: \((chain + [key]).joined(separator: " -> "))"))
        }
        var basePath = path
        // A remote base (`oci://`, a git URL) is not fetched: the service stays as written.
        if let file = reference.file, Self.isRemote(file) { return service }
        if let file = reference.file {
            basePath = PathName.join(PathName.directory(of: path), file)
            guard loader.fileSystem.isFile(basePath) else {
                throw .input(InputError(path: reference.location.path, position: position(of: reference.location),
                                        reason: "extends: file \(basePath) not found"))
            }
        }
        let baseModel = try read(basePath, baseFolder: PathName.directory(of: basePath), scope: scope)
        guard let base = baseModel.service(named: reference.service) else {
            throw .input(InputError(path: reference.location.path, position: position(of: reference.location),
                                    reason: "cannot extend service `\(reference.service)`: no such service in \(basePath)"))
        }
        let resolvedBase = try resolveExtends(base, in: basePath, chain: chain + [key])
        var own = service
        own.extends = nil
        var result = resolvedBase.merged(with: own)
        result.name = service.name
        result.location = service.location
        resolved[key] = result
        return result
    }

    private func scope(forIncludeIn folder: String, envFiles: [String]) throws(ProjectLoader.LoadError) -> VariableScope {
        let candidates = envFiles.isEmpty ? [PathName.join(folder, ".env")] : envFiles
        var values = scope.dotEnv
        for path in candidates where loader.fileSystem.isFile(path) {
            let environment = loader.environment
            let file = try loader.parse(path) { source throws(InputError) in try DotEnvFile.parse(source, environment: environment) }
            values.merge(file.values) { _, new in new }
        }
        return VariableScope(environment: scope.environment, dotEnv: values)
    }

    /// The references Docker Compose's own remote loaders accept (OCI artifacts and git repositories); any other
    /// reference, `remote:x` included, is a local path, and Compose refuses it when the file is missing.
    static func isRemote(_ reference: String) -> Bool {
        let lower = reference.lowercased()
        return ["oci://", "git@", "git://", "http://", "https://", "ssh://", "github.com/"].contains { lower.hasPrefix($0) }
    }

    private func position(of location: SourceLocation) -> LineColumn {
        trees.first { $0.source.path == location.path }.map { $0.source.lineColumn(at: location.range.start) }
            ?? LineColumn(line: 1, column: 1)
    }
}
