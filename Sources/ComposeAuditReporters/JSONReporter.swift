#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ComposeAuditCore
import ComposeAuditEngine

/// The JSON report, schema version 2 (documented in README.md, "JSON report").
public struct JSONReporter {
    public init() {}

    struct Document: Encodable {
        var schemaVersion = 2
        var tool: Tool
        var project: String
        var score: ScoreBlock
        var summary: [String: Int]
        var findings: [Item]
    }

    struct Tool: Encodable { var name: String; var version: String }

    struct ScoreBlock: Encodable {
        var overall: Double
        var grade: String
        var categories: [String: Double]
    }

    struct Item: Encodable {
        var ruleId: String
        var ruleName: String
        var category: String
        var severity: String
        var message: String
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        /// The outside check's code (`SC2086`), for findings that have one.
        var code: String?
        var fix: FixItem?
        /// The services the finding is about, when it is about services.
        var services: [String]?
        /// For a cause repeated in several services, each service's own finding.
        var occurrences: [Occurrence]?
    }

    /// One service's finding of a cause several services share.
    struct Occurrence: Encodable {
        var service: String
        var message: String
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int

        init(_ finding: Finding) {
            service = finding.service ?? ""
            message = finding.message
            file = finding.location.path
            line = finding.position.line
            column = finding.position.column
            endLine = finding.endPosition.line
            endColumn = finding.endPosition.column
        }
    }

    /// The fix `compose-audit fix` would apply for the finding: its class (`safe`, `unsafe`) and consequence.
    struct FixItem: Encodable {
        var title: String
        var `class`: String
        var consequence: String
    }

    public func render(_ report: AuditReport) -> String {
        let causes = ReportedCause.causes(of: report)
        var summary: [String: Int] = [:]
        for severity in Severity.allCases { summary[severity.name] = causes.filter { $0.primary.severity == severity }.count }
        if report.baselined > 0 { summary["baselined"] = report.baselined }
        let document = Document(
            tool: Tool(name: ToolInfo.name, version: ToolInfo.version), project: report.project,
            score: ScoreBlock(overall: report.score.overall, grade: report.score.grade,
                              categories: Dictionary(uniqueKeysWithValues: report.score.categories.map { ($0.key.rawValue, $0.value) })),
            summary: summary,
            findings: causes.map(Self.item))
        return JSONText.encode(document)
    }

    static func item(_ cause: ReportedCause) -> Item {
        let finding = cause.primary
        return Item(ruleId: finding.ruleID, ruleName: finding.ruleName, category: finding.category.rawValue, severity: finding.severity.name,
                    message: cause.message, file: finding.location.path, line: finding.position.line, column: finding.position.column,
                    endLine: finding.endPosition.line, endColumn: finding.endPosition.column, code: finding.code,
                    fix: finding.fix.map { FixItem(title: $0.title, class: $0.applicability.rawValue, consequence: $0.consequence) },
                    services: cause.services.isEmpty ? nil : cause.services,
                    occurrences: cause.isGrouped ? cause.findings.map(Occurrence.init) : nil)
    }
}

enum JSONText {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
