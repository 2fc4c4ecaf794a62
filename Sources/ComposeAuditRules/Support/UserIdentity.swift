import ComposeAuditEngine
import ComposeAuditSyntax

/// `USER` / `user:` values: root is `root`, `0`, or either with a group (`0:0`, `root:staff`).
enum UserIdentity {
    static func isRoot(_ value: String) -> Bool {
        let user = value.split(separator: ":", maxSplits: 1).first.map(String.init) ?? value
        return user == "root" || user == "0" || user.isEmpty
    }

    /// Images that already run as an unprivileged user unless told otherwise.
    static func imageRunsAsNonRoot(_ image: String) -> Bool {
        let reference = ImageReference(image)
        if reference.tag?.contains("nonroot") == true { return true }
        if reference.name.hasSuffix("-unprivileged") { return true }
        if reference.namespace == "bitnami" { return true }
        let registry = reference.registry ?? ""
        if registry == "cgr.dev" || reference.namespace == "chainguard" { return true }
        return ImageCatalogue.family(of: image)?.runsAsNonRoot ?? false
    }
}

extension Project {
    /// Whether the service's process starts as root: its `user:` is root, or it sets none and its image's last `USER`
    /// is root, or the image sets none and is not known to run unprivileged.
    func startsAsRoot(_ service: Service) -> Bool {
        if let user = service.user { return UserIdentity.isRoot(user.value) }
        if let build = build(of: service.name), let dockerfile = build.dockerfile, let stage = build.finalStage {
            if let last = dockerfile.inheritedInstructions(of: stage).last(where: { $0.keyword == "USER" }) {
                return UserIdentity.isRoot(last.expandedWords.first ?? last.words.first ?? "")
            }
            return !UserIdentity.imageRunsAsNonRoot(dockerfile.rootImage(of: stage))
        }
        return service.image.map { !UserIdentity.imageRunsAsNonRoot($0.value) } ?? false
    }
}
