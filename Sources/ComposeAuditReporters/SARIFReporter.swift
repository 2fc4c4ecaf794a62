import ComposeAuditCore
import ComposeAuditEngine

/// SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules under `tool.driver.rules` (with `helpUri`,
/// Markdown help and, for security rules, `security-severity`), a result per finding with a region, a
/// fingerprint stable across line shifts (the one baselines and GitLab use) and paths relative to `%SRCROOT%`.
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
        var originalUriBaseIds = ["%SRCROOT%": BaseLocation()]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
        var taxonomies: [Taxonomy]?
    }

    /// Where `%SRCROOT%` points: the folder compose-audit ran in, which the consumer knows (a CI checkout).
    struct BaseLocation: Encodable {
        var description = Text(text: "The folder compose-audit ran in (the repository root in CI); relative paths start there.")
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct Text: Encodable { var text: String }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var helpUri: String
        var help: Help
        var defaultConfiguration: Configuration
        var properties: Properties
        var relationships: [Relationship]?
    }

    struct Configuration: Encodable { var level: String }

    struct Properties: Encodable {
        var category: String
        var severity: String
        var tags: [String]
        var securitySeverity: String?

        enum CodingKeys: String, CodingKey {
            case category, severity, tags
            case securitySeverity = "security-severity"
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties
        var fixes: [FixObject]?
        /// Other places the finding is about (the mount an nginx `alias` needs), each with its own message.
        var relatedLocations: [RelatedLocationObject]?
    }

    struct RelatedLocationObject: Encodable {
        var id: Int
        var physicalLocation: PhysicalLocation
        var message: Text
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

    struct ResultProperties: Encodable {
        var severity: String
        /// The services a cause repeats in (one result for all of them).
        var services: [String]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    /// A location's region from the report's copy of its file (line 1 when the file is not in the report).
    static func physicalLocation(_ location: SourceLocation, in report: AuditReport) -> PhysicalLocation {
        let source = report.sources[location.path]
        let start = source?.lineColumn(at: location.range.start) ?? LineColumn(line: 1, column: 1)
        let end = source?.lineColumn(at: location.range.end) ?? start
        return PhysicalLocation(artifactLocation: ArtifactLocation(path: location.path),
                                region: Region(startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column))
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?

        /// A relative path is relative to `%SRCROOT%`; an absolute one (outside the folder the tool ran in) a file URI.
        init(path: String) {
            uri = SARIFReporter.uri(path)
            uriBaseId = path.hasPrefix("/") ? nil : "%SRCROOT%"
        }
    }

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

    /// GitHub's 0-10 scale for security findings (critical above 9, high 7-8.9, medium 4-6.9, low below 4).
    static func securitySeverity(_ rule: RuleDescription) -> String? {
        guard rule.category == .security else { return nil }
        return switch rule.severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "1.0"
        }
    }

    public func render(_ report: AuditReport, rules: [RuleDescription]) -> String {
        let descriptors = rules.map { rule in
            ReportingDescriptor(
                id: rule.id, name: rule.name, shortDescription: Text(text: rule.summary),
                fullDescription: Text(text: rule.rationale), helpUri: RuleDocumentation.url(rule),
                help: Help(text: rule.fixTitle.map { "\(rule.rationale)\n\nFix: \($0)" } ?? rule.rationale,
                           markdown: RuleDocumentation.section(rule).joined(separator: "\n")),
                defaultConfiguration: Configuration(level: Self.level(rule.severity)),
                properties: Properties(category: rule.category.rawValue, severity: rule.severity.name,
                                       tags: [rule.category.rawValue], securitySeverity: Self.securitySeverity(rule)),
                relationships: Self.relationships(rule))
        }
        let indexByID = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = ReportedCause.causes(of: report).map { cause in
            let finding = cause.primary
            // Where the other services' findings stand, when they stand elsewhere (a habit); one place is one location.
            let elsewhere = cause.findings.dropFirst().filter { $0.location != finding.location }.map {
                RelatedLocation("service `\($0.service ?? "")`", at: $0.location)
            }
            let related = finding.related + elsewhere
            return Result(ruleId: finding.ruleID, ruleIndex: indexByID[finding.ruleID] ?? 0, level: Self.level(finding.severity),
                   message: Text(text: cause.message),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(path: finding.location.path),
                       region: Region(startLine: finding.position.line, startColumn: finding.position.column,
                                      endLine: finding.endPosition.line, endColumn: finding.endPosition.column)))],
                   partialFingerprints: ["compose-audit/v1": Baseline.fingerprint(finding)],
                   properties: ResultProperties(severity: finding.severity.name, services: cause.isGrouped ? cause.services : nil),
                   // One result's fix must remove it: a cause in several services has one fix a service, so none here.
                   fixes: cause.isGrouped ? nil : finding.fix.map { [Self.fixObject($0)] },
                   relatedLocations: related.isEmpty ? nil : related.enumerated().map { index, related in
                       RelatedLocationObject(id: index + 1, physicalLocation: Self.physicalLocation(related.location, in: report),
                                             message: Text(text: related.message))
                   })
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(name: ToolInfo.name, version: ToolInfo.version,
                                                           informationUri: ToolInfo.informationURI, rules: descriptors)),
                                 results: results, taxonomies: Self.taxonomies(rules).nilIfEmpty)])
        return JSONText.encode(log)
    }

    /// A fix as SARIF artifact changes: byte ranges of the file as it is now, and the text to put there.
    static func fixObject(_ fix: Fix) -> FixObject {
        FixObject(description: Text(text: "\(fix.title) (\(fix.classAndConsequence))"), artifactChanges: fix.changes.map { change in
            let replacements: [Replacement] = switch change.kind {
            case .edit(let edits):
                edits.map { Replacement(deletedRegion: ByteRegion(byteOffset: $0.range.start, byteLength: $0.range.length),
                                        insertedContent: $0.replacement.isEmpty ? nil : Text(text: $0.replacement)) }
            case .create(let content):
                [Replacement(deletedRegion: ByteRegion(byteOffset: 0, byteLength: 0), insertedContent: Text(text: content))]
            }
            return ArtifactChange(artifactLocation: ArtifactLocation(path: change.path), replacements: replacements)
        })
    }

    /// A URI for a path: relative paths as relative references, absolute ones as `file://` URIs; spaces and other
    /// reserved bytes percent-encoded.
    static func uri(_ path: String) -> String {
        var output = path.hasPrefix("/") ? "file://" : ""
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
