import ComposeAuditCore
import ComposeAuditEngine

/// SARIF 2.1.0: one run, the rules under `tool.driver.rules`, a result per finding with a region.
public struct SARIFReporter {
    public init() {}

    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version
            case schema = "$schema"
            case runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct Text: Encodable { var text: String }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
        var properties: Properties
    }

    struct Configuration: Encodable { var level: String }

    struct Properties: Encodable {
        var category: String
        var severity: String
        var tags: [String]
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var properties: ResultProperties
        var fixes: [FixObject]?
    }

    struct FixObject: Encodable {
        var description: Text
        var artifactChanges: [ArtifactChange]
    }

    struct ArtifactChange: Encodable {
        var artifactLocation: ArtifactLocation
        var replacements: [Replacement]
    }

    struct Replacement: Encodable {
        var deletedRegion: ByteRegion
        var insertedContent: Text?
    }

    struct ByteRegion: Encodable {
        var byteOffset: Int
        var byteLength: Int
    }

    struct ResultProperties: Encodable { var severity: String }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }

    /// critical/high -> error, medium -> warning, low/info -> note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    public func render(_ report: AuditReport, rules: [RuleDescription]) -> String {
        let descriptors = rules.map { rule in
            ReportingDescriptor(
                id: rule.id, name: rule.name, shortDescription: Text(text: rule.summary),
                fullDescription: Text(text: rule.rationale),
                help: Text(text: rule.fixTitle.map { "\(rule.rationale)\n\nFix: \($0)" } ?? rule.rationale),
                defaultConfiguration: Configuration(level: Self.level(rule.severity)),
                properties: Properties(category: rule.category.rawValue, severity: rule.severity.name,
                                       tags: [rule.category.rawValue]))
        }
        let indexByID = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = report.findings.map { finding in
            Result(ruleId: finding.ruleID, ruleIndex: indexByID[finding.ruleID] ?? 0, level: Self.level(finding.severity),
                   message: Text(text: finding.message),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(uri: Self.uri(finding.location.path)),
                       region: Region(startLine: finding.position.line, startColumn: finding.position.column,
                                      endLine: finding.endPosition.line, endColumn: finding.endPosition.column)))],
                   properties: ResultProperties(severity: finding.severity.name),
                   fixes: finding.fix.map { [Self.fixObject($0)] })
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(name: ToolInfo.name, version: ToolInfo.version,
                                                           informationUri: ToolInfo.informationURI, rules: descriptors)),
                                 results: results)])
        return JSONText.encode(log)
    }

    /// A fix as SARIF artifact changes: byte ranges of the file as it is now, and the text to put there.
    static func fixObject(_ fix: Fix) -> FixObject {
        FixObject(description: Text(text: "\(fix.title) (\(fix.applicability.rawValue))"), artifactChanges: fix.changes.map { change in
            let replacements: [Replacement] = switch change.kind {
            case .edit(let edits):
                edits.map { Replacement(deletedRegion: ByteRegion(byteOffset: $0.range.start, byteLength: $0.range.length),
                                        insertedContent: $0.replacement.isEmpty ? nil : Text(text: $0.replacement)) }
            case .create(let content):
                [Replacement(deletedRegion: ByteRegion(byteOffset: 0, byteLength: 0), insertedContent: Text(text: content))]
            }
            return ArtifactChange(artifactLocation: ArtifactLocation(uri: uri(change.path)), replacements: replacements)
        })
    }

    /// A relative URI reference: spaces and other reserved bytes percent-encoded.
    static func uri(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/".contains(character) {
                output.append(character)
            } else {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
