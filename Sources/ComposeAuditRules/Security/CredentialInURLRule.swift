import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA217: a connection string in the compose file carries a literal password (`postgres://app:s3cret@db/app`).
public struct CredentialInURLRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA217", name: "credential-in-url", category: .security, severity: .high,
        subject: "URL with a password",
        standards: StandardReferences(owasp: ["D06"], cwe: [798]),
        summary: "An environment value is a URL with a literal password (`scheme://user:password@host`)",
        rationale: """
            Connection strings (`DATABASE_URL`, `CELERY_BROKER_URL`, `MONGO_URI`) carry the password inside the \
            URL, where a check of variable names does not see it: it is in every clone of the repository and in \
            `docker compose config` output and logs. Build the URL from a variable \
            (`postgres://app:${DB_PASSWORD:?}@db/app`) or let the application read the password from a secret file. \
            A default or guessable password is critical. Variables named like secrets are CA207's.
            """,
        triggering: [
            RuleExample("literal passwords in connection strings", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    environment:
                      ↓DATABASE_URL: postgres://app:postgres@db:5432/app
                  worker:
                    image: example/api:1.0
                    environment:
                      - ↓CELERY_BROKER_URL=amqp://worker:7f3kQ9x2@rabbitmq:5672//
                """]),
        ],
        nonTriggering: [
            RuleExample("a variable in the password, no password, and a placeholder", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    environment:
                      DATABASE_URL: postgres://app:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/app
                      REDIS_URL: redis://cache:6379/0
                      SENTRY_DSN: https://public@sentry.example.com/1
                      DOCS_EXAMPLE: postgres://user:<password>@host/db
                """]),
        ],
        lowersInDevelopmentStacks: true
    )

    /// The user and password of `scheme://user:password@host...` as written, or nil when the text carries no password.
    /// Bytes, not characters: most values have no `@` and cost one scan.
    static func credentials(in text: String) -> (user: String, password: String)? {
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: "@")), let scheme = bytes.firstRange(of: "://".utf8) else { return nil }
        let authority = bytes[scheme.upperBound...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")),
              let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let password = authority[bytes.index(after: colon)..<at]
        guard !password.isEmpty else { return nil }
        return (String(decoding: authority[..<colon], as: UTF8.self), String(decoding: password, as: UTF8.self))
    }

    /// Each environment entry whose URL carries a password; an entry several services share (an `x-` anchor) is
    /// one part, reported once.
    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.environment.compactMap { variable in
            guard let value = variable.value, let (user, written) = Self.credentials(in: value.raw),
                  !Secrets.isSecretName(variable.name) else { return nil }
            let subject = Subject.item(kind: "url", key: "\(variable.location.path):\(variable.location.range.start)")
            guard !written.contains("$"), !written.hasPrefix("<"), !written.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" }) else {
                return PartVerdict(subject, .passes, isShared: true)
            }
            let weak = Secrets.isWeak(written, userName: user)
            let violation = Violation(
                "`\(variable.name)` of service `\(service.name)` has a literal \(weak ? "default or guessable " : "")password in its URL",
                at: variable.location, severity: weak ? .critical : nil)
            return PartVerdict(subject, .fails(violation), isShared: true)
        }
    }
}
