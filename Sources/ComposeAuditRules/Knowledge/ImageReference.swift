/// An image reference split into its parts: `[registry/][namespace/]name[:tag][@digest]`.
public struct ImageReference: Sendable, Hashable {
    public var registry: String?
    /// The repository path without registry (`library/postgres` is written `postgres`).
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: " \t"))
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/").map(String.init)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            parts.removeFirst()
        }
        if parts.first == "library" && parts.count == 2 { parts.removeFirst() }
        repository = parts.joined(separator: "/")
    }

    /// The last path component, lower-cased (`bitnami/postgresql` -> `postgresql`).
    public var name: String { String(repository.split(separator: "/").last ?? "").lowercased() }

    /// Windows base images: signals, users and shells work differently there.
    public var isWindows: Bool {
        let path = ((registry ?? "") + "/" + repository).lowercased()
        return ["windows", "servercore", "nanoserver", "dotnet/framework"].contains { path.contains($0) }
    }

    public var namespace: String? {
        let parts = repository.split(separator: "/")
        return parts.count > 1 ? parts.dropLast().joined(separator: "/").lowercased() : nil
    }
}
