import ComposeAuditCore

extension Project {
    /// Why the project is a stack for developing the code rather than for running it: its folder is a dev container
    /// or a development environment (`.devcontainer`, `devcontainer-example`, `devenv`, `dev-env`), its compose file
    /// is named for development (`docker-compose.dev.yml`, `compose.devcontainer.yaml`), a comment at the start of a
    /// line says the file is for development or not for production, a service builds a development target (`target:
    /// development`), has `develop:` (Compose Watch syncs code into it) or catches outgoing mail (Mailpit, MailHog,
    /// MailDev), or it runs only backing services for an application on the host (`backingServicesEvidence`). Of the
    /// folders, only the project's own name is read, never those above it.
    public var developmentStackEvidence: String? {
        memo.value("developmentStackEvidence") {
            let folder = PathName.lastComponent(of: PathName.normalize(root))
            if PathName.words(of: folder).contains(where: Self.developmentWords.contains) { return "its folder `\(folder)`" }
            for file in composeFiles.map({ PathName.lastComponent(of: $0.source.path) })
            where PathName.words(of: file).contains(where: Self.developmentWords.contains) {
                return "its file name `\(file)`"
            }
            for tree in composeFiles {
                if let line = Self.notForProductionLine(in: tree.source) {
                    return "`\(PathName.lastComponent(of: tree.source.path))` says so on line \(line + 1)"
                }
            }
            for service in services {
                if let target = service.build?.target?.value, PathName.words(of: target).contains(where: Self.developmentTargetWords.contains) {
                    return "service `\(service.name)` builds the `\(target)` target"
                }
                if let image = service.image?.value, Self.mailCatchers.contains(Self.imageName(image)) {
                    return "service `\(service.name)` catches outgoing mail (image `\(Self.imageName(image))`)"
                }
            }
            // Each file's own body of each service: an override file may add `develop:` to a service of the main file.
            for (key, body) in serviceBodies.sorted(by: { ($0.key.path, $0.key.range.start) < ($1.key.path, $1.key.range.start) }) {
                guard let tree = composeFiles.first(where: { $0.source.path == key.path }), tree.value(body, forKey: "develop") != nil else { continue }
                let name = tree.source.text(in: key.range)
                return "service `\(name)` has `develop:` (Compose Watch) in `\(PathName.lastComponent(of: key.path))`"
            }
            return backingServicesEvidence
        }
    }

    /// A stack of backing services alone, for an application that runs on the host (a developer's checkout, a test
    /// suite): every service runs a database, cache, broker, search engine, object store or coordination service the
    /// image catalogue knows (or an admin UI for them) from a pulled image, one publishes a port for the host to reach
    /// and none restarts. A database server left running for others restarts; a stack that builds or runs anything
    /// else is the application itself.
    var backingServicesEvidence: String? {
        let families = services.map { service in
            service.build == nil ? service.image.flatMap { ImageCatalogue.family(of: $0.value) } : nil
        }
        guard !services.isEmpty, families.allSatisfy({ $0?.kind.map(Self.backingKinds.contains) == true }),
              services.contains(where: { !$0.ports.isEmpty }), !services.contains(where: restarts) else { return nil }
        var names: [String] = []
        for family in families.compactMap(\.self) where !names.contains(family.family) { names.append(family.family) }
        let listed = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        return "it runs only \(listed), \(names.count == 1 ? "a backing service" : "backing services") for the host to reach, and restarts none"
    }

    /// The kinds of image a backing stack runs.
    static let backingKinds: Set<ImageFamily.Kind> = [.database, .cache, .broker, .search, .objectStore, .coordination, .adminUI]

    /// The first comment at the start of a line (a statement about the whole file, not one service) that says the
    /// file is for development or not for production: "This configuration is for local development. Do not use it in
    /// a production deployment." (Airflow's quick start), "This configuration file is for the **development** setup."
    /// (redash).
    static func notForProductionLine(in source: SourceFile) -> Int? {
        for line in 0..<source.lineCount {
            let start = source.contentRange(ofLine: line).start
            guard start < source.bytes.count, source.bytes[start] == UInt8(ascii: "#") else { continue }
            // Emphasis (`**development**`) does not change what the sentence says.
            let text = String(source.lineText(line).lowercased().filter { $0 != "*" && $0 != "_" && $0 != "`" })
            if notForProductionPhrases.contains(where: text.contains) { return line }
        }
        return nil
    }

    /// What authors write at the top of a compose file meant for development only.
    static let notForProductionPhrases = [
        "is for local development", "is for development", "is for the development", "is only for development", "for development only",
        "for local development only", "not for production", "not meant for production", "not intended for production",
        "not suitable for production", "not production ready", "not production-ready", "do not use it in production",
        "do not use it in a production", "do not use this in production", "do not use in production",
        "don't use it in production", "don't use this in production", "don't use in production",
    ]

    /// Mail catchers keep every mail a stack sends from its recipients, which only a development stack wants.
    static let mailCatchers: Set<String> = ["mailpit", "mailhog", "maildev", "smtp4dev", "mailcatcher", "inbucket"]

    /// An image reference's last name (`axllent/mailpit:v1.20` gives `mailpit`).
    static func imageName(_ image: String) -> String {
        let withoutDigest = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        let last = PathName.lastComponent(of: withoutDigest)
        return (last.split(separator: ":", maxSplits: 1).first.map(String.init) ?? last).lowercased()
    }

    /// Words of a build target that mark an image for development (`target: development`, `dev`, `debug`).
    static let developmentTargetWords: Set<String> = ["dev", "development", "debug", "devcontainer"]

    /// Words of a folder's or compose file's name that mark a development stack.
    public static let developmentWords: Set<String> = ["devcontainer", "devenv", "dev", "development"]

    /// What a finding of a rule about what ships (`RuleDescription.lowersInDevelopmentStacks`) adds to its message
    /// when the project is a development stack and no purpose is declared; nil otherwise.
    public var developmentStackNote: String? {
        guard configuration.purpose == nil, let evidence = developmentStackEvidence else { return nil }
        return " (information in a development stack, \(evidence); `purpose: deployment` in \(Configuration.fileName) asks it)"
    }
}
