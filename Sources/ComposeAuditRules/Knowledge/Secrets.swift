import ComposeAuditCore

/// What looks like a secret: variable names, weak values and files.
public enum Secrets {
    static let nameMarkers = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIALS", "PRIVATE_KEY"]
    /// Names that mention a secret but hold settings about it, not the secret itself.
    static let settingSuffixes = ["_FILE", "_PATH", "_DIR", "_EXPIRE", "_EXPIRES", "_EXPIRY", "_EXPIRATION", "_TTL",
                                  "_LENGTH", "_MIN_LENGTH", "_TIMEOUT", "_MINUTES", "_SECONDS", "_HOURS", "_DAYS",
                                  "_URL", "_URI", "_ENDPOINT", "_HEADER", "_ALGORITHM", "_TYPE", "_NAME", "_USER",
                                  "_USERNAME", "_LIFETIME", "_ROTATION", "_ENABLED", "_REQUIRED", "_POLICY",
                                  "_FILENAME", "_LOCATION", "_MECHANISM", "_CLASS", "_PROTOCOL"]
    /// Flags and sentinels that mean "none" (mailcow's `API_KEY: ${API_KEY:-invalid}` turns its API off).
    static let flagValues: Set<String> = ["true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "invalid",
                                          "disabled", "unset", "undefined", "nil"]
    static let weakValues: Set<String> = ["postgres", "password", "passw0rd", "admin", "root", "changeme", "change_me",
                                          "change-me", "secret", "example", "123456", "12345678", "1234", "test",
                                          "guest", "minioadmin", "pass", "default", "qwerty", "letmein", "toor",
                                          "mysql", "redis", "pgadmin", "grafana", "rabbitmq", "mongo", "admin123"]

    /// Whether an environment variable's name says it holds a secret.
    public static func isSecretName(_ name: String) -> Bool {
        secretNames.value(for: name) { computeIsSecretName(name) }
    }

    private static func computeIsSecretName(_ name: String) -> Bool {
        let lower = name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func has(_ marker: [UInt8]) -> Bool {
            guard marker.count <= lower.count else { return false }
            return (0...(lower.count - marker.count)).contains { start in lower[start..<start + marker.count].elementsEqual(marker) }
        }
        func ends(_ suffix: [UInt8]) -> Bool { lower.count >= suffix.count && lower[(lower.count - suffix.count)...].elementsEqual(suffix) }
        if lowerSettingSuffixes.contains(where: ends) || has(Array("allow_empty".utf8)) || has(Array("random_root".utf8)) {
            return false
        }
        return lowerNameMarkers.contains(where: has) || ends(Array("_key".utf8)) || lower.elementsEqual("key".utf8)
    }

    private static let secretNames = SharedCache<String, Bool>()
    private static let lowerNameMarkers = nameMarkers.map { Array($0.lowercased().utf8) }
    private static let lowerSettingSuffixes = settingSuffixes.map { Array($0.lowercased().utf8) }

    /// A value that is a flag or number rather than a secret (`MYSQL_RANDOM_ROOT_PASSWORD: "yes"`).
    public static func isFlagValue(_ value: String) -> Bool { flagValues.contains(value.lowercased()) }

    /// Mechanism and protocol names that settings about secrets take (`KAFKA_SASL_MECHANISM`-like values).
    static let settingWords: Set<String> = ["plain", "oauthbearer", "gssapi", "scram-sha-256", "scram-sha-512", "sasl_ssl",
                                            "sasl_plaintext", "ssl", "plaintext", "tls", "https", "http", "basic", "bearer"]

    /// Values that say how a secret is handled rather than being one: a Java class name, `host:port`, a file path or
    /// a file's name, a mechanism name. A name like `*_CREDENTIALS` often holds such a setting (Kafka, Confluent).
    public static func isSettingValue(_ value: String) -> Bool {
        if settingWords.contains(value.lowercased()) { return true }
        guard !value.contains(where: \.isWhitespace), !value.contains("=") else { return false }
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("~/") { return true }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" } }),
           parts.dropLast().allSatisfy({ $0.first?.isLowercase ?? false }), parts.last?.first?.isUppercase ?? false {
            return true
        }
        if let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), port > 0, port < 65536 {
            let host = value[..<colon]
            return !host.isEmpty && host.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
        }
        let lower = value.lowercased()
        return [".jks", ".p12", ".pfx", ".pem", ".crt", ".keystore", ".truststore", "_creds"].contains { lower.hasSuffix($0) }
    }

    /// Default or trivially guessable values (empty included).
    public static func isWeak(_ value: String, userName: String? = nil) -> Bool {
        let lower = value.lowercased()
        if lower.isEmpty || weakValues.contains(lower) { return true }
        if let userName, !userName.isEmpty, lower == userName.lowercased() { return true }
        return lower.hasPrefix("changeme") || lower.hasPrefix("change_me") || lower.hasPrefix("change-me")
    }

    /// Files that should never reach a build context.
    public static func isSecretFile(_ path: String) -> Bool {
        let name = PathName.lastComponent(of: path).lowercased()
        if name == ".env" || (name.hasPrefix(".env.") && !["example", "sample", "template", "dist", "defaults"].contains(where: { name.hasSuffix("." + $0) })) {
            return true
        }
        if [".npmrc", ".pypirc", ".netrc", ".htpasswd", ".git-credentials"].contains(name) { return true }
        if name.hasPrefix("id_rsa") || name.hasPrefix("id_ed25519") || name.hasPrefix("id_ecdsa") || name.hasPrefix("id_dsa") {
            return !name.hasSuffix(".pub")
        }
        if name.hasPrefix("credentials") && name.hasSuffix(".json") { return true }
        for suffix in [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"] where name.hasSuffix(suffix) { return true }
        return false
    }
}
