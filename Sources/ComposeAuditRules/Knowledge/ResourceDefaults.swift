import ComposeAuditEngine

/// Default limits per kind of service, as the fixes write them (memory in Compose's units, CPUs as a string).
public struct ResourceDefault: Sendable, Equatable {
    public var memory: String
    public var cpus: String
}

public enum ResourceDefaults {
    public enum ServiceKind: String, Sendable, CaseIterable {
        case database, cache, proxy, application, other
    }

    public static let table: [ServiceKind: ResourceDefault] = [
        .database: ResourceDefault(memory: "1G", cpus: "2"),
        .cache: ResourceDefault(memory: "512M", cpus: "1"),
        .proxy: ResourceDefault(memory: "256M", cpus: "0.5"),
        .application: ResourceDefault(memory: "2G", cpus: "2"),
        .other: ResourceDefault(memory: "1G", cpus: "1"),
    ]

    public static func kind(image: ImageFamily?, builds: Bool) -> ServiceKind {
        switch image?.kind {
        case .database?, .search?, .broker?, .objectStore?, .coordination?: return .database
        case .cache?: return .cache
        case .reverseProxy?: return .proxy
        default: return builds ? .application : .other
        }
    }

    /// Bytes in a Compose memory size (`512M`, `1g`, `256mb`, `1073741824`).
    public static func bytes(_ text: String) -> Double? {
        var digits = text.lowercased().trimmingCharacters(in: " \"'")
        if digits.hasSuffix("b") { digits.removeLast() }
        let units: [Character: Double] = ["k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024, "t": 1024 * 1024 * 1024 * 1024]
        var factor = 1.0
        if let last = digits.last, let unit = units[last] {
            factor = unit
            digits.removeLast()
        }
        return Double(digits).map { $0 * factor }
    }

    /// A size in the largest unit that keeps it whole (`268435456` -> `256M`).
    public static func memoryText(_ bytes: Double) -> String {
        for (unit, size) in [("G", 1024.0 * 1024 * 1024), ("M", 1024.0 * 1024), ("K", 1024.0)] where bytes >= size && bytes.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(bytes / size))\(unit)"
        }
        return "\(Int(bytes / (1024 * 1024)))M"
    }

    /// CPUs as Compose writes them: `2`, `0.5`, `0.125`.
    public static func cpuText(_ value: Double) -> String {
        if value == value.rounded() { return "\(Int(value))" }
        var text = "\(value)"
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
