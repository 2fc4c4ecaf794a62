/// Pure string operations on slash-separated paths (no disk access).
public enum PathName {
    /// Joins `path` to `base` unless `path` is absolute, then normalizes the result.
    public static func join(_ base: String, _ path: String) -> String {
        if path.hasPrefix("/") || base.isEmpty || base == "." { return normalize(path) }
        return normalize(base + "/" + path)
    }

    /// Removes `.` segments, empty segments and `x/..` pairs; keeps a leading `/` and leading `..`.
    /// Works on the bytes (`/` and `.` are ASCII) and builds one string at the end.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = Array(path.utf8)
        let absolute = bytes.first == slash
        func isParent(_ segment: Range<Int>) -> Bool {
            segment.count == 2 && bytes[segment.lowerBound] == dot && bytes[segment.lowerBound + 1] == dot
        }
        var segments: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            while index < bytes.count && bytes[index] == slash { index += 1 }
            let start = index
            while index < bytes.count && bytes[index] != slash { index += 1 }
            let segment = start..<index
            if segment.isEmpty || (segment.count == 1 && bytes[start] == dot) { continue }
            if isParent(segment) {
                if let last = segments.last, !isParent(last) {
                    segments.removeLast()
                    continue
                }
                if absolute { continue }
            }
            segments.append(segment)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        if absolute { output.append(slash) }
        for (position, segment) in segments.enumerated() {
            if position > 0 { output.append(slash) }
            output.append(contentsOf: bytes[segment])
        }
        return output.isEmpty ? "." : String(decoding: output, as: UTF8.self)
    }

    /// Already normal: not empty, no empty, `.` or `..` segment, no trailing `/` (except `/` itself).
    static func isNormal(_ path: String) -> Bool {
        var segmentLength = 0
        var dots = 0
        var first = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if (segmentLength == 0 && !first) || (segmentLength > 0 && dots == segmentLength && dots <= 2) { return false }
                first = false
                segmentLength = 0
                dots = 0
            } else {
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        if path == "/" { return true }
        return segmentLength > 0 && !(dots == segmentLength && dots <= 2 && path != ".")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The words of a name (a folder, a file, a service), lowercased and split at `-`, `_` and `.`:
    /// `docker-compose.ci-test.yml` gives `docker`, `compose`, `ci`, `test`, `yml`.
    public static func words(of name: String) -> [String] {
        name.lowercased().split { $0 == "-" || $0 == "_" || $0 == "." }.map(String.init)
    }

    /// Whether `path` equals `ancestor` or lies below it (both normalized).
    public static func isSameOrInside(_ path: String, _ ancestor: String) -> Bool {
        if ancestor == "/" { return path.hasPrefix("/") }
        if ancestor == "." { return !path.hasPrefix("/") && !path.hasPrefix("..") }
        return path == ancestor || path.hasPrefix(ancestor + "/")
    }

    /// `path` relative to `base` when it lies inside it, else nil.
    public static func relative(_ path: String, to base: String) -> String? {
        if base == "." { return path.hasPrefix("/") || path.hasPrefix("..") ? nil : path }
        if path == base { return "." }
        guard path.hasPrefix(base + "/") else { return nil }
        return String(path.dropFirst(base.count + 1))
    }
}

extension PathName {
    /// `path` expressed relative to `base` (both relative to the same folder, or both absolute), `..` where needed.
    public static func relative(_ path: String, to base: String) -> String {
        let target = normalize(path)
        let origin = normalize(base)
        if origin == "." { return target }
        if target.hasPrefix("/") != origin.hasPrefix("/") { return target }
        let targetParts = target == "." ? [] : target.split(separator: "/").map(String.init)
        let originParts = origin.split(separator: "/").map(String.init)
        var common = 0
        while common < targetParts.count, common < originParts.count, targetParts[common] == originParts[common] { common += 1 }
        // Climbing out of a `..` of the base needs the name of the folder above, which a relative path does not know.
        guard !originParts[common...].contains("..") else { return target }
        let ups = Array(repeating: "..", count: originParts.count - common)
        let rest = ups + targetParts[common...]
        return rest.isEmpty ? "." : rest.joined(separator: "/")
    }
}
