/// An image reference split into its parts: `[registry/][namespace/]name[:tag][@digest]`.
public struct ImageReference: Sendable, Hashable {
    public var registry: String?
    /// The repository path without registry (`library/postgres` is written `postgres`).
    public var repository: String
    public var tag: String?
    public var digest: String?

    /// The last path component, lower-cased (`bitnami/postgresql` -> `postgresql`).
    public let name: String

    /// Splits the reference on its bytes (`@`, `:`, `/` are ASCII): rules parse every service's image.
    public init(_ text: String) {
        var rest = Substring(text).trimmingSpaces
        let bytes = rest.utf8
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.utf8.lastIndex(of: UInt8(ascii: ":")), !rest.utf8[colon...].contains(UInt8(ascii: "/")) {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        if parts.count > 1, let first = parts.first,
           first.utf8.contains(UInt8(ascii: ".")) || first.utf8.contains(UInt8(ascii: ":")) || first == "localhost" {
            registry = String(first)
            parts.removeFirst()
        }
        if parts.count == 2 && parts[0] == "library" { parts.removeFirst() }
        repository = parts.count == 1 ? String(parts[0]) : parts.joined(separator: "/")
        name = parts.last.map { $0.lowercased() } ?? ""
    }

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
