import ComposeAuditCore

/// A value Docker Compose refuses when it loads the file, once variables are substituted (`read_only: ${RO}`
/// with `RO` unset, a volume `${SOCKET}:/var/run/docker.sock`, a one-letter `container_name`): Compose stops with
/// an error and nothing starts. The loader notes each one; a rule reports it.
public struct ComposeRefusal: Sendable, Hashable {
    /// What Compose refuses and what it needs instead, e.g. "`read_only` is `` here: Compose needs true or false".
    public var message: String
    public var location: SourceLocation
    /// Whether the refused value comes from a variable (it may be fine where the variable is set).
    public var dependsOnVariables: Bool
    /// A service written with no body (`web:` alone): Compose refuses it unless a file before this one defines the
    /// service, which the empty entry then leaves as it is.
    public var isEmptyService = false
}

/// The typed values Compose casts after interpolation, and what each accepts (measured with Docker Compose 5.6:
/// `docker-compose config -q` on one value at a time).
public enum ComposeValueKind: Sendable {
    case boolean, integer, number, duration, size

    /// Service keys whose values Compose casts.
    public static let serviceKeys: [String: ComposeValueKind] = [
        "read_only": .boolean, "privileged": .boolean, "tty": .boolean, "stdin_open": .boolean, "init": .boolean,
        "scale": .integer, "cpus": .number, "stop_grace_period": .duration,
        "mem_limit": .size, "mem_reservation": .size, "shm_size": .size,
    ]

    /// `healthcheck:` keys whose values Compose casts.
    public static let healthcheckKeys: [String: ComposeValueKind] = [
        "interval": .duration, "timeout": .duration, "start_period": .duration, "start_interval": .duration,
        "disable": .boolean, "retries": .integer,
    ]

    /// What Compose accepts, in words, for a message.
    public var expected: String {
        switch self {
        case .boolean: "true or false"
        case .integer: "a whole number"
        case .number: "a number"
        case .duration: "a duration with a unit, such as 30s or 1m30s"
        case .size: "a size such as 512m or 2g"
        }
    }

    public func accepts(_ value: String) -> Bool {
        switch self {
        case .boolean: ["true", "false", "yes", "no", "on", "off", "y", "n"].contains(value.lowercased())
        case .integer: Int(value) != nil
        case .number: Double(value) != nil
        case .duration: Self.isDuration(value)
        case .size: Self.isSize(value)
        }
    }

    /// Go's `time.ParseDuration`: `0`, or numbers each followed by a unit (`1h30m`, `1.5s`, `-2m`).
    static func isDuration(_ value: String) -> Bool {
        var rest = Substring(value)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != "." else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = durationUnits.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }

    /// Go's duration units, two-letter ones first so that `ms` is not read as `m`.
    private static let durationUnits = ["ns", "us", "µs", "μs", "ms", "h", "m", "s"]

    /// docker/go-units `RAMInBytes`: a number, an optional space, an optional k/m/g/t/p, an optional `i` and `b`.
    static func isSize(_ value: String) -> Bool {
        var rest = Substring(value)
        let whole = rest.prefix { $0.isASCII && $0.isNumber }
        guard !whole.isEmpty else { return false }
        rest = rest.dropFirst(whole.count)
        while rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        if rest.first == " " { rest = rest.dropFirst() }
        if let unit = rest.first, "kmgtpKMGTP".contains(unit) { rest = rest.dropFirst() }
        if let i = rest.first, i == "i" || i == "I" { rest = rest.dropFirst() }
        if let b = rest.first, b == "b" || b == "B" { rest = rest.dropFirst() }
        return rest.isEmpty
    }
}

/// `container_name` as Compose's schema checks it: the pattern `[a-zA-Z0-9][a-zA-Z0-9_.-]+` is not anchored, so a name
/// passes when a letter or digit is followed by a letter, digit, `_`, `.` or `-` anywhere in it (Compose accepts
/// `-web` and `my app`, which the engine refuses later, and refuses `w` and `_x`).
public enum ContainerNameSyntax {
    public static func isValid(_ name: String) -> Bool {
        var previousIsAlphanumeric = false
        for byte in name.utf8 {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            if previousIsAlphanumeric, isAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") {
                return true
            }
            previousIsAlphanumeric = isAlphanumeric
        }
        return false
    }
}
