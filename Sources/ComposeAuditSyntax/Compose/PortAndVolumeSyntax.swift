import ComposeAuditCore

/// The short port syntax: `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`, IPv6 in brackets, ranges.
public enum PortSyntax {
    public static func parse(_ spec: String, location: SourceLocation) -> PortMapping {
        var body = Substring(spec)
        var proto = "tcp"
        if let slash = body.lastIndex(of: "/") {
            proto = String(body[body.index(after: slash)...])
            body = body[..<slash]
        }
        var hostIP: String?
        if body.hasPrefix("["), let close = body.firstIndex(of: "]") {
            hostIP = String(body[body.index(after: body.startIndex)..<close])
            body = body[body.index(after: close)...]
            if body.hasPrefix(":") { body = body.dropFirst() }
        }
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let target = parts.popLast() ?? ""
        var published = parts.popLast()
        if published == "" { published = nil }
        if hostIP == nil, !parts.isEmpty { hostIP = parts.joined(separator: ":") }
        return PortMapping(hostIP: hostIP, published: published, target: target, proto: proto, location: location)
    }
}

/// The short volume syntax: `[SOURCE:]TARGET[:MODE]`, Windows drive paths included.
public enum VolumeSyntax {
    public static func parse(_ spec: String, location: SourceLocation) -> VolumeMount {
        var parts: [String] = []
        var rest = Substring(spec)
        while !rest.isEmpty {
            var searchStart = rest.startIndex
            if isDrivePath(rest) { searchStart = rest.index(rest.startIndex, offsetBy: 2) }
            if let colon = rest[searchStart...].firstIndex(of: ":") {
                parts.append(String(rest[..<colon]))
                rest = rest[rest.index(after: colon)...]
            } else {
                parts.append(String(rest))
                rest = ""
            }
        }
        if parts.count <= 1 {
            // `- ""` or a tag with no text (`- !name:/x` is a tag named `name:/x` on an empty scalar).
            return VolumeMount(kind: .anonymous, source: nil, target: cleanTarget(parts.first ?? ""), isReadOnly: false,
                               isLongSyntax: false, location: location)
        }
        let source = parts[0]
        let target = cleanTarget(parts.count > 1 ? parts[1] : "")
        let options = parts.count > 2 ? parts[2].split(separator: ",").map(String.init) : []
        return VolumeMount(kind: isPath(source) ? .bind : .volume, source: source, target: target,
                           isReadOnly: options.contains("ro"), isLongSyntax: false, location: location,
                           propagation: options.first { propagationModes.contains($0) })
    }

    static let propagationModes: Set<String> = ["shared", "rshared", "slave", "rslave", "private", "rprivate"]

    /// A container path as Compose stores it: `/var/www/html/` is `/var/www/html`.
    public static func cleanTarget(_ target: String) -> String {
        target.hasPrefix("/") ? PathName.normalize(target) : target
    }

    /// A source is a host path when it starts with `.`, `/`, `~`, `$` or a drive letter; else it names a volume.
    public static func isPath(_ source: String) -> Bool {
        guard let first = source.first else { return false }
        return first == "." || first == "/" || first == "~" || first == "\\" || isDrivePath(Substring(source))
    }

    static func isDrivePath(_ text: Substring) -> Bool {
        let characters = Array(text.prefix(3))
        guard characters.count == 3, characters[0].isLetter, characters[1] == ":" else { return false }
        return characters[2] == "\\" || characters[2] == "/"
    }
}
