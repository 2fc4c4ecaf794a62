import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// The edits that make a Dockerfile's final stage run as an unprivileged user, written for the base
/// image's distribution: Debian/Ubuntu/RHEL `useradd`, Alpine/BusyBox `adduser`, the `node` user of
/// Node images, UID 65532 for distroless and scratch (nothing can run there to create a user).
struct NonRootUserFix {
    enum Family { case debian, alpine, node, distroless }

    static let name = "app"

    static func family(of image: String) -> Family {
        let reference = ImageReference(image)
        let tag = reference.tag?.lowercased() ?? ""
        if image.lowercased() == "scratch" || reference.repository.lowercased().contains("distroless") || reference.registry == "cgr.dev" {
            return .distroless
        }
        if reference.name == "alpine" || tag.contains("alpine") || reference.name == "busybox" { return .alpine }
        if reference.name == "node" { return .node }
        return .debian
    }

    let dockerfile: Dockerfile
    let stage: Stage

    var editor: DockerfileEditor { DockerfileEditor(dockerfile: dockerfile) }

    func edits() -> [TextEdit]? {
        let family = Self.family(of: dockerfile.rootImage(of: stage))
        let user: String
        var edits: [TextEdit] = []
        let own = stage.instructions
        switch family {
        case .distroless:
            user = "65532:65532"
        case .node:
            user = "node"
        case .debian, .alpine:
            user = Self.name
            let create = family == .alpine
                ? "RUN addgroup -S \(Self.name) && adduser -S -G \(Self.name) -h /home/\(Self.name) \(Self.name)"
                : "RUN groupadd --system \(Self.name) && useradd --system --gid \(Self.name) --create-home \(Self.name)"
            edits.append(editor.insert([create], after: stage.from))
        }
        if family != .distroless {
            let owner = family == .node ? "node:node" : "\(Self.name):\(Self.name)"
            let home = family == .node ? "/home/node" : "/home/\(Self.name)"
            for instruction in own where (instruction.keyword == "COPY" || instruction.keyword == "ADD") && instruction.flag("chown") == nil {
                edits.append(.insert(" --chown=\(owner)", at: instruction.keywordRange.end))
                // Files copied into root's home move to the new user's (the source, in another stage, stays).
                if let destination = SourceWords(dockerfile, instruction).words.last, destination.text.contains("/root/") {
                    edits.append(TextEdit(range: destination.range, replacement: destination.text.replacingAll("/root/", with: home + "/")))
                }
            }
            for instruction in own where instruction.keyword == "ENV" && dockerfile.source.text(in: instruction.range).contains("/root/") {
                edits.append(editor.replace(instruction, with: dockerfile.source.text(in: instruction.range).replacingAll("/root/", with: home + "/")))
            }
        }
        let created = own.filter { $0.keyword == "RUN" }.flatMap { Self.createdDirectories($0.words) }
        // USER goes before the CMD/ENTRYPOINT lines the stage ends with.
        let isCommand: (Instruction) -> Bool = { $0.keyword == "CMD" || $0.keyword == "ENTRYPOINT" }
        var start: Instruction?
        if var first = own.lastIndex(where: isCommand) {
            while first > 0 && isCommand(own[first - 1]) { first -= 1 }
            start = own[first]
        }
        var lines: [String] = []
        if !created.isEmpty && family != .distroless {
            lines.append("RUN chown -R \(family == .node ? "node:node" : "\(Self.name):\(Self.name)") \(created.joined(separator: " "))")
        }
        lines.append("USER \(user)")
        if let start {
            edits.append(editor.insert(lines, before: start))
        } else {
            edits.append(editor.insert(lines, after: own.last ?? stage.from))
        }
        return edits
    }

    /// Absolute folders a RUN creates with `mkdir` (the app will need to write there).
    static func createdDirectories(_ words: [String]) -> [String] {
        var result: [String] = []
        var inMkdir = false
        for word in words {
            if ["&&", "||", ";", "|"].contains(word) { inMkdir = false; continue }
            if ShellCommand.basename(word) == "mkdir" { inMkdir = true; continue }
            if inMkdir, word.hasPrefix("/"), !word.contains("$") { result.append(word) }
        }
        return result
    }
}
