import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// A command a container runs and where it is written (compose `command:` or a Dockerfile `CMD`).
struct CommandInvocation {
    var words: [String]
    var location: SourceLocation
    /// `service:<name>` for a compose command, `dockerfile:<path>` for a Dockerfile instruction.
    var subject: Subject
    var isFromDockerfile: Bool

    /// Simple commands inside the invocation: `sh -c "a && b"` gives the words of `a` and of `b`.
    var simpleCommands: [[String]] {
        var words = words
        if let shell = words.first.map(ShellCommand.basename), ["sh", "bash", "ash", "dash", "zsh"].contains(shell),
           let flag = words.firstIndex(where: { $0.hasPrefix("-") && $0.contains("c") }), flag + 1 < words.count {
            words = ShellWords.split(words[flag + 1])
        }
        var result: [[String]] = [[]]
        for word in words {
            if ["&&", "||", ";", "|", "&"].contains(word) {
                result.append([])
            } else if word.hasSuffix(";") {
                result[result.count - 1].append(String(word.dropLast()))
                result.append([])
            } else {
                result[result.count - 1].append(word)
            }
        }
        return result.filter { !$0.isEmpty }.map(ShellCommand.droppingWrappers)
    }
}

enum ShellCommand {
    static func basename(_ word: String) -> String { String(word.split(separator: "/").last ?? Substring(word)) }

    /// Drops `exec`, `env A=B`, `python -m` and similar launchers so the program comes first.
    static func droppingWrappers(_ words: [String]) -> [String] {
        var rest = words[...]
        while let first = rest.first {
            let name = basename(first)
            if ["exec", "env", "nohup", "tini", "dumb-init", "gosu", "su-exec", "--", "do", "then", "else", "{", "(", "!"].contains(name)
                || first.contains("=") && !first.hasPrefix("-") {
                rest = rest.dropFirst()
                if name == "gosu" || name == "su-exec" { rest = rest.dropFirst() }
            } else if name.hasPrefix("python") || name == "poetry" || name == "pipenv" || name == "uv" {
                if rest.dropFirst().first == "-m" { rest = rest.dropFirst(2) } else if rest.dropFirst().first == "run" {
                    rest = rest.dropFirst(2)
                } else { break }
            } else if name == "bundle", rest.dropFirst().first == "exec" {
                rest = rest.dropFirst(2)
            } else {
                break
            }
        }
        return Array(rest)
    }
}

extension Project {
    /// The entrypoint and command a service's container runs: compose's when set, else the image's
    /// (the final stage of its Dockerfile, inherited stages included).
    func invocations(of service: Service) -> [CommandInvocation] {
        var result: [CommandInvocation] = []
        let build = build(of: service.name)
        let stage = build?.finalStage
        let inherited = stage.flatMap { stage in build?.dockerfile?.inheritedInstructions(of: stage) } ?? []
        func fromDockerfile(_ keyword: String) -> CommandInvocation? {
            guard let instruction = inherited.last(where: { $0.keyword == keyword }), let file = build?.dockerfile else { return nil }
            return CommandInvocation(words: instruction.words, location: file.location(instruction.range),
                                     subject: .dockerfile(file.path), isFromDockerfile: true)
        }
        if let entrypoint = service.entrypoint {
            result.append(CommandInvocation(words: entrypoint.words, location: entrypoint.location,
                                            subject: .service(service.name), isFromDockerfile: false))
        } else if let image = fromDockerfile("ENTRYPOINT") {
            result.append(image)
        }
        if let command = service.command {
            result.append(CommandInvocation(words: command.words, location: command.location,
                                            subject: .service(service.name), isFromDockerfile: false))
        } else if service.entrypoint == nil, let image = fromDockerfile("CMD") {
            result.append(image)
        }
        return result
    }

    /// The image a service runs: `image:` for pulled services, the final stage's root image for built ones.
    func runtimeImage(of service: Service) -> String? {
        if let build = build(of: service.name), let dockerfile = build.dockerfile, let stage = build.finalStage {
            return dockerfile.rootImage(of: stage)
        }
        return service.image?.value
    }

    /// The known-image entry of a service's image (pulled or built FROM), unless the service runs
    /// something else on it: a container started from a database image to run a client (`psql`,
    /// `pg_dumpall`, `redis-cli`) is no database.
    func knownImage(of service: Service) -> ImageFamily? {
        // One memo entry for every service: a key per service would cost a string and a hash at every question.
        let images = memo.value("knownImages") {
            Dictionary(services.map { ($0.name, computeKnownImage(of: $0)) }, uniquingKeysWith: { first, _ in first })
        }
        return images[service.name] ?? computeKnownImage(of: service)
    }

    private func computeKnownImage(of service: Service) -> ImageFamily? {
        let entry = service.build == nil ? service.image.flatMap { ImageCatalogue.knownImage($0.value) }
            : runtimeImage(of: service).flatMap(ImageCatalogue.knownImage)
        guard let entry, !entry.serverCommands.isEmpty else { return entry }
        return runsServer(service, entry) ? entry : nil
    }

    /// Whether the compose command/entrypoint (if any) starts the image's server.
    private func runsServer(_ service: Service, _ image: ImageFamily) -> Bool {
        let commands = invocations(of: service).filter { !$0.isFromDockerfile }.flatMap(\.simpleCommands)
        guard let first = commands.first?.first else { return true }
        if first.hasPrefix("-") { return true }
        let servers = Set(image.serverCommands.map(ShellCommand.basename))
        return commands.contains { words in words.first.map { servers.contains(ShellCommand.basename($0)) } ?? false }
    }
}
