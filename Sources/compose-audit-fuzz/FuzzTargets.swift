import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import ComposeAuditSyntax

/// The fuzz targets: each takes arbitrary bytes and must return (an error is a fine answer) without
/// crashing, hanging or breaking an invariant. An invariant broken is reported by `fatalError`, which
/// libFuzzer (or the replay driver) records as a crash.
enum FuzzTarget: String, CaseIterable {
    case yaml, compose, dockerfile, dockerignore, fix

    static let limits = YAMLLimits(maximumDepth: 2_000, maximumExpandedNodes: 200_000)

    func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml: Self.yaml(bytes)
        case .compose: Self.compose(bytes)
        case .dockerfile: Self.dockerfile(bytes)
        case .dockerignore: Self.dockerignore(bytes)
        case .fix: Self.fix(bytes)
        }
    }

    /// Parses; every node's range lies inside the file and every scalar can be read.
    static func yaml(_ bytes: [UInt8]) {
        guard let tree = try? YAMLParser.parse(SourceFile(path: "fuzz.yaml", bytes: bytes), limits: limits) else { return }
        for node in tree.allNodes {
            let range = tree.range(node)
            guard range.start >= 0, range.start <= range.end, range.end <= bytes.count else {
                fatalError("node \(node.index) has range \(range) outside a file of \(bytes.count) bytes")
            }
            _ = tree.string(node)
            _ = tree.entries(node)
        }
    }

    /// Loads the bytes as a project's compose file and runs every rule.
    static func compose(_ bytes: [UInt8]) {
        audit(files: ["compose.yaml": String(decoding: bytes, as: UTF8.self), "app/Dockerfile": "FROM python:3.12\nCMD [\"app\"]\n"])
    }

    /// Parses the bytes as a Dockerfile (BuildKit's view of each instruction included), then audits a
    /// project that builds it.
    static func dockerfile(_ bytes: [UInt8]) {
        if let dockerfile = try? DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: bytes)) {
            for instruction in dockerfile.instructions {
                guard instruction.range.end <= bytes.count, instruction.range.start <= instruction.range.end else {
                    fatalError("instruction range \(instruction.range) outside a file of \(bytes.count) bytes")
                }
                _ = instruction.buildKitView
                _ = instruction.expandedWords
            }
        }
        audit(files: ["compose.yaml": "services:\n  app:\n    build: ./app\n    ports: [\"8000:8000\"]\n",
                      "app/Dockerfile": String(decoding: bytes, as: UTF8.self)])
    }

    /// Parses the bytes as a .dockerignore and matches paths made of its own words.
    static func dockerignore(_ bytes: [UInt8]) {
        guard let ignore = try? DockerIgnore.parse(SourceFile(path: ".dockerignore", bytes: bytes)) else { return }
        let text = String(decoding: bytes.prefix(4_096), as: UTF8.self)
        var paths = ["a", "a/b/c.txt", "node_modules/x/index.js", ".git/HEAD", "src/main.go"]
        paths += text.split(whereSeparator: { $0 == "\n" || $0 == " " }).prefix(32).map { String($0.prefix(200)) }
        for path in paths { _ = ignore.excludes(path) }
    }

    /// Fixes the bytes as a compose file (unsafe fixes included); the result must parse as YAML, and a
    /// second run must find nothing left to fix.
    static func fix(_ bytes: [UInt8]) {
        let files = ["compose.yaml": String(decoding: bytes, as: UTF8.self),
                     "app/Dockerfile": "FROM python:3.12\nRUN pip install -r requirements.txt\nCMD [\"app\"]\n"]
        guard let first = fixOnce(InMemoryFileSystem(files: files)) else { return }
        var overlay = OverlayFileSystem(base: InMemoryFileSystem(files: files))
        for result in first.files {
            if result.path.hasSuffix(".yaml") || result.path.hasSuffix(".yml") {
                do {
                    _ = try YAMLParser.parse(SourceFile(path: result.path, bytes: result.fixed), limits: limits)
                } catch {
                    fatalError("fixed \(result.path) does not parse: \(error)")
                }
            }
            overlay.write(result.path, result.fixed)
        }
        guard first.unconverged.isEmpty, let second = fixOnce(overlay) else { return }
        if !second.applied.isEmpty {
            fatalError("fix is not idempotent: a second run applied \(second.applied.map(\.finding.ruleID))")
        }
    }

    static func fixOnce(_ fileSystem: any FileSystem) -> FixOutcome? {
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all), options: FixOptions(minimumApplicability: .unsafe))
        return try? fixer.run(on: fileSystem) { fileSystem throws(ProjectLoader.LoadError) in
            var loader = ProjectLoader(fileSystem: fileSystem)
            loader.yamlLimits = limits
            return try loader.load(root: ".")
        }
    }

    static func audit(files: [String: String]) {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.yamlLimits = limits
        guard let project = try? loader.load(root: ".") else { return }
        _ = Linter(rules: BuiltinRules.all).audit(project)
    }
}
