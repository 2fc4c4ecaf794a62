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
