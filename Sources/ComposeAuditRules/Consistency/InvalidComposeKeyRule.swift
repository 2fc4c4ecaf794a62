import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA510: keys Compose refuses: unknown top-level or service keys, and keys that are not strings.
public struct InvalidComposeKeyRule: ComposeFileRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA510", name: "invalid-compose-key", category: .consistency, severity: .high,
        subject: "file",
        summary: "A key Compose refuses: unknown at the top level or in a service, not a string, or a service key left without a value",
        rationale: """
            Docker Compose validates every file against the Compose Specification and refuses to start the \
            project when a service has a key the specification does not define (a typo such as `enviroment`, \
            or a key with an invisible character pasted into it, which looks exactly like `image`), or when a \
            mapping has a key that YAML reads as a number, boolean, null or collection (`8080:`, `true:`, `~:`). \
            It also refuses a service key left without a value (`environment:` followed only by a comment): \
            only `command`, `entrypoint`, `deploy` and `develop` may be empty. Other tools silently ignore such \
            keys, so the setting the author meant never applies. Keys that start with `x-` are extensions and \
            always allowed.
            """,
        triggering: [
            RuleExample("a typo in a service key", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    ↓enviroment:
                      TZ: UTC
                """]),
            RuleExample("a zero-width space inside `image`", files: ["compose.yaml": """
                services:
                  web:
                    ↓imag\u{200B}e: nginx:1.27
                """]),
            RuleExample("a number as a key", files: ["compose.yaml": """
                x-ports:
                  ↓8080: web
                services:
                  web:
                    image: nginx:1.27
                """]),
            RuleExample("a service key that holds only a comment", files: ["compose.yaml": """
                services:
                  web:
                    image: nginx:1.27
                    ↓environment:
                      # TZ: UTC
                """]),
            RuleExample("an unknown top-level key", files: ["compose.yaml": """
                ↓service:
                  web:
                    image: nginx:1.27
                services:
                  api:
                    image: nginx:1.27
                """]),
        ],
        nonTriggering: [
            RuleExample("extensions, quoted keys and the merge key", files: ["compose.yaml": """
                x-defaults: &defaults
                  restart: unless-stopped
                x-odd:
                  "8080": quoted
                  "<<": not-a-merge
                services:
                  web:
                    <<: *defaults
                    image: nginx:1.27
                    command:
                    x-team: platform
                    labels:
                      com.example.port: "80"
                """]),
        ],
        fixTitle: "Quote a key that YAML reads as a number, boolean or null (`8080:` becomes `\"8080\":`)",
        fixSafety: .safe("None: the key is read as the text Compose expects"),
        corrections: [
            RuleCorrection("a numeric key is quoted", before: ["compose.yaml": """
                x-ports:
                  8080: web # public
                services:
                  web:
                    image: nginx:1.27
                """], after: ["compose.yaml": """
                x-ports:
                  "8080": web # public
                services:
                  web:
                    image: nginx:1.27
                """]),
        ]
    )

    public func judge(_ tree: YAMLTree, in project: Project) -> Verdict {
        var violations: [Violation] = []
        for key in tree.allMappingKeys() {
            let type = YAMLScalarType.of(key, in: tree)
            guard type != .string else { continue }
            var fix: Fix?
            if type != .collection, tree.kind(key) == .scalar, tree.range(key).length > 0 {
                let quoted = TextFormatting.doubleQuoted(tree.string(key) ?? "")
                fix = Fix("Quote the key", applicability: .safe, changes: [
                    FileChange(path: tree.source.path, edits: [TextEdit(range: tree.range(key), replacement: quoted)]),
                ])
            }
            let message = type == .collection
                ? "A \(tree.kind(tree.resolved(key)) == .sequence ? "sequence" : "mapping") used as a key: Compose refuses the file (keys must be strings)"
                : "Key `\(tree.string(key) ?? "")` is read as \(type.name), not a string: Compose refuses the file; quote it"
            violations.append(Violation(message, at: tree.location(key), fix: fix))
        }
        for root in tree.documents where tree.kind(tree.resolved(root)) == .mapping {
            for (key, value) in tree.rawPairs(root) {
                report(key, in: tree, known: ComposeSchema.topLevelKeys, scope: "top-level", into: &violations)
                guard tree.string(key) == "services" else { continue }
                for (_, body) in tree.rawPairs(value) {
                    for (field, value) in tree.rawPairs(body) where !tree.isMergeKey(field) {
                        report(field, in: tree, known: ComposeSchema.serviceKeys, scope: "service", into: &violations)
                        if let name = tree.string(field), ComposeSchema.serviceKeys.contains(name),
                           !ComposeSchema.serviceKeysAcceptingNull.contains(name), tree.isNull(value) {
                            violations.append(Violation("Service key `\(name)` has no value: Compose refuses the file; give it one or remove the key",
                                                        at: tree.location(field)))
                        }
                    }
                }
            }
        }
        return .judged(violations)
    }

    private func report(_ key: YAMLNode, in tree: YAMLTree, known: Set<String>, scope: String, into violations: inout [Violation]) {
        guard YAMLScalarType.of(key, in: tree) == .string, let name = tree.string(key),
              !known.contains(name), !name.hasPrefix("x-") else { return }
        var message = "Unknown \(scope) key `\(Self.visible(name))`"
        if name.unicodeScalars.contains(where: ComposeSchema.isInvisible) { message += " (it contains an invisible character)" }
        if let suggestion = ComposeSchema.suggestion(for: name, among: known) { message += "; did you mean `\(suggestion)`?" }
        violations.append(Violation(message + ": Compose refuses the file", at: tree.location(key)))
    }

    /// The key with invisible characters spelled out (`imag\u{200B}e`).
    static func visible(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if ComposeSchema.isInvisible(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension YAMLScalarType {
    var name: String {
        switch self {
        case .string: "a string"
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .collection: "a collection"
        }
    }
}
