import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA427: an `ENV` value that reads a variable the same `ENV` sets.
public struct EnvSelfReferenceRule: InstructionRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA427", name: "env-self-reference", category: .build, severity: .medium,
        subject: "instruction",
        summary: "An `ENV` value reads a variable that the same `ENV` sets, and gets its earlier value (often empty)",
        rationale: """
            The build expands every value of one `ENV` instruction before it sets any of them, so in \
            `ENV APP_HOME=/app APP_LOG=$APP_HOME/log` the second value reads `APP_HOME` as it was before the line: \
            empty, or what the base image set. The image then runs with `APP_LOG=/log`. Set the variable in one `ENV` \
            and read it in the next.
            """,
        triggering: [
            RuleExample("the second value reads the first", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM python:3.12-slim
                    ENV APP_HOME=/app ↓APP_LOG=${APP_HOME}/log
                    """,
            ]),
        ],
        nonTriggering: [
            RuleExample("two ENV lines; a variable set before; PATH extended", files: [
                "compose.yaml": "services:\n  app:\n    build: .\n",
                "Dockerfile": """
                    FROM python:3.12-slim
                    ENV APP_HOME=/app
                    ENV APP_LOG=$APP_HOME/log PATH=/app/bin:$PATH
                    ENV LITERAL='$APP_HOME' OTHER=1
                    """,
            ]),
        ]
    )

    public var keywords: Set<String> { ["ENV"] }

    public func judge(_ instruction: Instruction, in dockerfile: Dockerfile, project: Project) -> Verdict {
        // Single quotes keep `$` literal; the pairs no longer show them, so such a line is not judged.
        guard instruction.arguments.contains("$"), !instruction.arguments.contains("'") else { return .notApplicable }
        let pairs = KeyValueWords.pairs(instruction.arguments)
        guard pairs.count > 1 else { return .notApplicable }
        var earlier: [String] = []
        var violations: [Violation] = []
        let words = instruction.argumentRanges.map { (dockerfile.source.text(in: $0), $0) }
        for (name, value) in pairs {
            if let read = earlier.first(where: { Self.reads(value, $0) }) {
                let range = words.first { $0.0.hasPrefix(name + "=") }?.1 ?? instruction.range
                violations.append(Violation("`\(name)` reads `\(read)`, which this `ENV` sets: it gets the value from before the line",
                                            at: dockerfile.location(range)))
            }
            earlier.append(name)
        }
        // Counted only where it fails: most multi-variable ENV lines pass, and would only raise scores.
        return violations.isEmpty ? .notApplicable : .judged(violations)
    }

    /// Whether `value` reads `$name` or `${name...}`.
    static func reads(_ value: String, _ name: String) -> Bool {
        if value.contains("${" + name + "}") || value.contains("${" + name + ":") { return true }
        var rest = Substring(value)
        while let range = rest.range(of: "$" + name) {
            let after = rest[range.upperBound...].first
            if after.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}
