import ComposeAuditCore
import ComposeAuditSyntax

/// What a service builds: its context, its Dockerfile and the stage the build produces.
public struct ServiceBuild: Sendable {
    public var service: String
    /// Context folder relative to the project root (nil for a remote context such as a git URL).
    public var contextPath: String?
    /// Dockerfile path relative to the project root (nil for `dockerfile_inline`).
    public var dockerfilePath: String?
    public var dockerfile: Dockerfile?
    public var target: String?

    /// The stage the build produces: `build.target` when given, else the last.
    public var finalStage: Stage? { dockerfile?.stage(target: target) }

    /// The virtual path a `dockerfile_inline` is read under (`compose.yaml#web.dockerfile_inline`).
    public static func inlineDockerfilePath(composeFile: String, service: String) -> String {
        "\(composeFile)#\(service).dockerfile_inline"
    }

    public static func isInlineDockerfilePath(_ path: String) -> Bool { path.hasSuffix(".dockerfile_inline") && path.contains("#") }
}

/// Everything the rules see: the merged compose model and the files around it.
public struct Project: Sendable {
    /// The audited folder as given by the user (display only).
    public var root: String
    public var composeFiles: [YAMLTree]
    public var model: ComposeModel
    public var dotEnv: DotEnvFile?
    public var builds: [ServiceBuild]
    /// Positions of builds by service; rebuilt by `reindexBuilds()` (a stale index only costs a search).
    var buildIndex: [String: Int] = [:]

    mutating func reindexBuilds() {
        buildIndex = Dictionary(builds.enumerated().map { ($1.service, $0) }, uniquingKeysWith: { first, _ in first })
    }
    /// Each service's mapping node, by the location of its key (so edits find it without a search).
    public var serviceBodies: [SourceLocation: YAMLNode] = [:]
    /// Build contexts by their path relative to the root.
    public var contexts: [String: BuildContext]
    /// Parsed `env_file`s by path relative to the root.
    public var envFiles: [String: DotEnvFile]
    /// nginx configuration files that services bind-mount, by host path relative to the root.
    public var nginxConfigs: [String: NginxConfig]
    /// Folder of the first compose file, relative to the root (where relative paths in it start).
    public var composeDirectory: String
    /// What the disk holds around the project (bind sources, env files, contexts, ...): rules read it, never a disk.
    public var host = HostFiles()
    /// `.compose-audit.yml`, when the project has one (or one was named).
    public var configuration = Configuration()
    /// The Compose project name: `name:` in the file, else the folder's name, normalized as Compose does.
    public var name: String = "app"
    /// The environment the check runs in: it overrides `.env` in interpolation.
    public var environmentOverrides: [String: String] = [:]
    /// Derived facts shared by the rules (see `ProjectMemo`).
    public let memo = ProjectMemo()
    /// What interpolation read: the environment, then `.env` (or `--env-file`), then COMPOSE_PROJECT_NAME.
    public var variables = VariableScope.empty
    /// Runs ShellCheck for CA423 (nil: not asked for, as in tests and the editor).
    public var shellChecker: (any ShellScriptChecker)?

    public var services: [Service] { model.services }

    /// The project is one compose file with another name than Compose's defaults, loaded on its own (`-f
    /// extra.yml`, or `--recursive` meeting `overrides/compose.proxy.yaml`): often a fragment meant to be added to
    /// a main file with a second `-f`, which Compose refuses alone.
    public var isOtherFileLoadedAlone: Bool {
        guard let first = composeFiles.first?.source.path else { return false }
        return !ProjectLoader.defaultComposeNames.contains(PathName.lastComponent(of: first))
    }

    /// Each Dockerfile a service builds, once, in service order.
    public var uniqueDockerfiles: [Dockerfile] {
        var seen: Set<String> = []
        return builds.compactMap { build in
            guard let dockerfile = build.dockerfile, seen.insert(dockerfile.path).inserted else { return nil }
            return dockerfile
        }
    }

    /// The stages of a Dockerfile that some service's build needs (its target, what that is built from and
    /// copies from), by index. A Dockerfile no service builds as a whole has none.
    public func builtStages(of dockerfile: Dockerfile) -> Set<Int> {
        memo.value("builtStages:" + dockerfile.path) {
            var needed: Set<Int> = []
            for build in builds where build.dockerfile?.path == dockerfile.path {
                if let target = build.finalStage { needed.formUnion(dockerfile.stagesNeeded(for: target)) }
            }
            return needed
        }
    }

    /// The instructions a build runs: the global `ARG`s before the first `FROM`, then those of the stages some
    /// service's build needs, in file order.
    public func builtInstructions(of dockerfile: Dockerfile) -> [Instruction] {
        let built = builtStages(of: dockerfile)
        let global = dockerfile.instructions.prefix { $0.keyword != "FROM" }
        return Array(global) + dockerfile.stages.filter { built.contains($0.index) }.flatMap { [$0.from] + $0.instructions }
    }

    public func build(of service: String) -> ServiceBuild? {
        if let index = buildIndex[service], index < builds.count, builds[index].service == service { return builds[index] }
        if buildIndex.count == builds.count { return nil }
        return builds.first { $0.service == service }
    }

    /// The host path a relative compose path refers to, relative to the root.
    public func hostPath(_ path: String) -> String {
        if path.hasPrefix("~") { return path }
        return PathName.join(composeDirectory, path)
    }

    /// Variables the service's containers get from `environment:` and its `env_file`s.
    public func containerEnvironmentNames(of service: Service) -> Set<String> {
        var names = Set(service.environment.map(\.name))
        for reference in service.envFiles {
            if let file = envFiles[hostPath(reference.path.value)] { names.formUnion(file.entries.map(\.name)) }
        }
        return names
    }
}
