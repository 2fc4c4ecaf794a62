import ComposeAuditCore
import ComposeAuditSyntax

/// Finds and reads a compose project: compose file(s) and override, `.env`, env files, every
/// Dockerfile a service builds, each context's `.dockerignore` and files, and mounted nginx configs.
public struct ProjectLoader {
    static let projectNameVariable = Array("COMPOSE_PROJECT_NAME".utf8)
    public static let defaultComposeNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    public var fileSystem: any FileSystem
    public var environment: [String: String]
    public var yamlLimits: YAMLLimits
    /// The project's name when neither `name:` nor the folder gives one (the folder is `.`).
    public var folderName: String
    /// A configuration file to use instead of `<root>/.compose-audit.yml`.
    public var configurationPath: String?
    /// The rules the configuration may name: a reference to none of them is an input error where it is written
    /// (empty: not checked).
    public var knownRules: [RuleDescription] = []
    /// The command line's `--select`/`--extend-select`/`--ignore`, layered over the configuration file.
    public var ruleSelection = RuleSelection()
    /// `--env-file`: files to read instead of `<project>/.env` (later files win), relative to the working folder.
    public var envFilePaths: [String] = []
    /// `--profile` (or `COMPOSE_PROFILES`): when set, services whose profiles are all inactive are left out,
    /// as Compose does. When nil every service is audited, profiles or not: they all ship.
    public var activeProfiles: Set<String>?
    /// What runs ShellCheck over the project's `RUN` scripts (nil: CA423 judges nothing).
    public var shellChecker: (any ShellScriptChecker)?

    public init(fileSystem: any FileSystem, environment: [String: String] = [:], yamlLimits: YAMLLimits = .standard,
                folderName: String = "app") {
        self.fileSystem = fileSystem
        self.environment = environment
        self.yamlLimits = yamlLimits
        self.folderName = folderName
    }

    /// Compose's normalization: lower case, only letters, digits, `-` and `_`.
    public static func normalizedProjectName(_ raw: String) -> String {
        let cleaned = raw.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return cleaned.isEmpty ? "app" : cleaned
    }

    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case input(InputError)
        case noComposeFile(String)
        case unreadable(FileSystemError)

        public var description: String {
            switch self {
            case .input(let error): error.description
            case .noComposeFile(let folder):
                "\(folder): no compose file found (looked for \(ProjectLoader.defaultComposeNames.joined(separator: ", ")))"
            case .unreadable(let error): error.description
            }
        }
    }

    /// The compose files Compose would load from a folder: the first default name found, then its override.
    public func defaultComposeFiles(in folder: String = ".") -> [String] {
        for name in Self.defaultComposeNames {
            let path = PathName.join(folder, name)
            guard fileSystem.isFile(path) else { continue }
            let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : String(name.dropLast(4))
            for extensionName in ["yaml", "yml"] {
                let override = PathName.join(folder, "\(stem).override.\(extensionName)")
                if fileSystem.isFile(override) { return [path, override] }
            }
            return [path]
        }
        return []
    }

    /// The files `COMPOSE_FILE` names, as Compose reads it when no `-f` is given, and the `.env` values it was read
    /// from (Compose keeps them as environment for interpolation, below the process's own).
    public struct FilesNamedByEnvironment: Sendable {
        public var files: [String]
        public var dotEnv: [String: String]
    }

    /// `COMPOSE_FILE` from the environment, else from the `.env` of the folder (or the `--env-file`s), separated by
    /// `COMPOSE_PATH_SEPARATOR` (default `:`), relative to the folder. Nil when nothing names it.
    public func composeFilesNamedByEnvironment(in folder: String = ".") throws(LoadError) -> FilesNamedByEnvironment? {
        var dotEnv: [String: String] = [:]
        if environment["COMPOSE_FILE"] == nil {
            for path in envFilePaths.isEmpty ? [PathName.join(folder, ".env")] : envFilePaths where fileSystem.isFile(path) {
                // Most `.env` files do not name it: those are parsed once, for interpolation, not here too.
                let bytes: [UInt8]
                do { bytes = try fileSystem.contents(of: path) } catch { throw .unreadable(error) }
                guard bytes.containsBytes(Self.composeFileKey) else { continue }
                let file: DotEnvFile
                do { file = try DotEnvFile.parse(SourceFile(path: path, bytes: bytes), environment: environment) } catch { throw .input(error) }
                dotEnv.merge(file.values) { _, new in new }
            }
        }
        let values = environment.merging(dotEnv) { current, _ in current }
        guard let list = values["COMPOSE_FILE"], !list.isEmpty else { return nil }
        let separator = values["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
        let names = list.split(separator: separator).map(String.init).filter { !$0.isEmpty }
        return names.isEmpty ? nil : FilesNamedByEnvironment(files: names.map { PathName.join(folder, $0) }, dotEnv: dotEnv)
    }

    private static let composeFileKey = Array("COMPOSE_FILE".utf8)

    /// Loads the project whose compose files are `files` (defaults: `COMPOSE_FILE`, else found in the root), paths
    /// relative to the root.
    public func load(root: String, files: [String] = []) throws(LoadError) -> Project {
        if files.isEmpty, let named = try composeFilesNamedByEnvironment(in: root) {
            var loader = self
            loader.environment.merge(named.dotEnv) { current, _ in current }
            return try loader.load(root: root, files: named.files)
        }
        let composePaths = files.isEmpty ? defaultComposeFiles(in: root) : files.map { PathName.normalize($0) }
        guard let firstPath = composePaths.first else { throw .noComposeFile(root) }
        let composeDirectory = PathName.directory(of: firstPath)

        var dotEnv: DotEnvFile?
        var dotEnvValues: [String: String] = [:]
        let defaultDotEnv = PathName.join(composeDirectory, ".env")
        for path in envFilePaths.isEmpty ? [defaultDotEnv] : envFilePaths {
            guard envFilePaths.isEmpty ? fileSystem.isFile(path) : true else { continue }
            let environment = environment
            let file = try parse(path) { source throws(InputError) in try DotEnvFile.parse(source, environment: environment) }
            dotEnv = dotEnv ?? file
            dotEnvValues.merge(file.values) { _, new in new }
        }
        var scope = VariableScope(environment: environment, dotEnv: dotEnvValues)
        // Compose names the project (-p, COMPOSE_PROJECT_NAME, `name:`, the folder) and offers the name to
        // interpolation as COMPOSE_PROJECT_NAME.
        let folder = composeDirectory == "." ? folderName : PathName.lastComponent(of: composeDirectory)
        let namedByEnvironment = scope.value(of: "COMPOSE_PROJECT_NAME").map(Self.normalizedProjectName)
        var projectName = namedByEnvironment ?? Self.normalizedProjectName(folder)
        scope.environment["COMPOSE_PROJECT_NAME"] = projectName
        var files = ComposeFileLoader(loader: self, projectFolder: composeDirectory, scope: scope)
        var model = try files.loadTopLevel(composePaths)
        if namedByEnvironment == nil, let name = model.name.map(Self.normalizedProjectName), name != projectName {
            projectName = name
            scope.environment["COMPOSE_PROJECT_NAME"] = projectName
            // Only text that mentions the variable can read differently; the files are not parsed again.
            if files.trees.contains(where: { $0.source.bytes.containsBytes(Self.projectNameVariable) }) {
                files = ComposeFileLoader(loader: self, projectFolder: composeDirectory, scope: scope, parsed: files.trees)
                model = try files.loadTopLevel(composePaths)
            }
        }
        let trees = files.trees
        if let activeProfiles {
            model.services = model.services.filter { service in
                service.profiles.isEmpty || activeProfiles.contains("*") || !activeProfiles.isDisjoint(with: service.profiles)
            }
            model.reindex()
        }
        var project = Project(root: root, composeFiles: trees, model: model, dotEnv: dotEnv,
                              builds: [], contexts: [:], envFiles: [:], nginxConfigs: [:],
                              composeDirectory: composeDirectory, environmentOverrides: environment)
        for tree in trees {
            guard let document = tree.documents.first, let services = tree.ownValue(document, forKey: "services") else { continue }
            for (key, body) in tree.rawPairs(services) { project.serviceBodies[tree.location(key)] = body }
        }
        let configurationPath = self.configurationPath ?? PathName.join(root, Configuration.fileName)
        if self.configurationPath != nil || fileSystem.isFile(configurationPath) {
            project.configuration = try parse(configurationPath) { source throws(InputError) in try Configuration.parse(source) }
            do throws(InputError) {
                try project.configuration.validate(against: knownRules)
            } catch {
                throw .input(error)
            }
        }
        project.configuration = ruleSelection.applied(to: project.configuration)
        project.name = projectName
        project.variables = scope
        project.shellChecker = shellChecker
        try loadBuilds(into: &project)
        project.reindexBuilds()
        try loadEnvFiles(into: &project)
        try loadNginxConfigs(into: &project)
        project.host = HostFiles.gather(for: project, from: fileSystem)
        return project
    }

    func parse<Model>(_ path: String, _ body: (SourceFile) throws(InputError) -> Model) throws(LoadError) -> Model {
        let bytes: [UInt8]
        do { bytes = try fileSystem.contents(of: path) } catch { throw .unreadable(error) }
        do { return try body(SourceFile(path: path, bytes: bytes)) } catch { throw .input(error) }
    }

    private func loadBuilds(into project: inout Project) throws(LoadError) {
        for service in project.services {
            guard let build = service.build else { continue }
            let contextValue = build.context.value
            var entry = ServiceBuild(service: service.name, contextPath: nil, dockerfilePath: nil, dockerfile: nil,
                                     target: build.target?.value)
            if !ComposePaths.isRemoteContext(contextValue) {
                let context = project.hostPath(contextValue)
                entry.contextPath = context
                if let inline = build.dockerfileInline {
                    // A virtual path: positions count from the inline text's first line, and no fix edits it.
                    let source = SourceFile(path: ServiceBuild.inlineDockerfilePath(composeFile: inline.location.path, service: service.name),
                                            bytes: Array(inline.value.utf8))
                    entry.dockerfile = try? DockerfileParser.parse(source)
                } else {
                    let dockerfilePath = PathName.join(context, build.dockerfile?.value ?? "Dockerfile")
                    entry.dockerfilePath = dockerfilePath
                    if fileSystem.isFile(dockerfilePath) {
                        entry.dockerfile = try parse(dockerfilePath) { source throws(InputError) in try DockerfileParser.parse(source) }
                    }
                }
                if project.contexts[context] == nil, fileSystem.isDirectory(context) {
                    project.contexts[context] = try loadContext(context, dockerfilePath: entry.dockerfilePath)
                }
            }
            project.builds.append(entry)
        }
    }

    private func loadContext(_ context: String, dockerfilePath: String?) throws(LoadError) -> BuildContext {
        var ignorePath: String?
        if let dockerfilePath, fileSystem.isFile(dockerfilePath + ".dockerignore") {
            ignorePath = dockerfilePath + ".dockerignore"
        } else if fileSystem.isFile(PathName.join(context, ".dockerignore")) {
            ignorePath = PathName.join(context, ".dockerignore")
        }
        let ignore = try ignorePath.map { path throws(LoadError) in
            try parse(path) { source throws(InputError) in try DockerIgnore.parse(source) }
        }
        return ContextWalker(fileSystem: fileSystem).walk(context: context, dockerIgnore: ignore)
    }

    private func loadEnvFiles(into project: inout Project) throws(LoadError) {
        for service in project.services {
            for reference in service.envFiles {
                let path = project.hostPath(reference.path.value)
                guard project.envFiles[path] == nil, fileSystem.isFile(path) else { continue }
                project.envFiles[path] = try parse(path) { source throws(InputError) in
                    reference.isRaw ? DotEnvFile.parseRaw(source) : try DotEnvFile.parse(source, environment: environment)
                }
            }
        }
    }

    /// nginx reads `/etc/nginx/**`: every bind-mounted `.conf` file there (or in a mounted folder) is parsed.
    private func loadNginxConfigs(into project: inout Project) throws(LoadError) {
        for service in project.services {
            for mount in service.volumes where mount.kind == .bind && mount.target.hasPrefix("/etc/nginx") {
                guard let source = mount.source else { continue }
                let hostPath = project.hostPath(source)
                var candidates: [String] = []
                if fileSystem.isFile(hostPath) {
                    candidates = [hostPath]
                } else if fileSystem.isDirectory(hostPath) {
                    candidates = fileSystem.entries(of: hostPath)
                        .filter { $0.name.hasSuffix(".conf") }
                        .map { PathName.join(hostPath, $0.name) }
                }
                for path in candidates where project.nginxConfigs[path] == nil && fileSystem.isFile(path) {
                    project.nginxConfigs[path] = try parse(path) { source throws(InputError) in NginxConfig.parse(source) }
                }
            }
        }
    }
}
