import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// The same examples written as people's files are: with CRLF line endings, behind a byte order mark, and
/// with a line-level suppression above each finding. Findings must stand where they stood, and fixes must
/// write what they wrote, in the file's own line endings.
@Suite("Rule example variants")
struct RuleExampleVariantTests {
    static func crlf(_ text: String) -> String { text.replacingAll("\n", with: "\r\n") }
    /// An empty file stays empty: a BOM alone would give it content.
    static func withByteOrderMark(_ text: String) -> String { text.isEmpty ? text : "\u{FEFF}" + text }

    static func positions(of testCase: ExampleCase, transform: (String) -> String) throws -> (found: Set<String>, expected: Set<String>) {
        let marked = MarkedExample(testCase.example)
        let files = marked.files.mapValues(transform)
        let found = try findings(of: testCase.rule, in: files, environment: testCase.example.environment)
        return (Set(found.map { "\($0.location.path):\($0.position.line):\($0.position.column)" }), marked.expected)
    }

    @Test(arguments: allExampleCases)
    func crlfLineEndingsKeepFindingsInPlace(_ testCase: ExampleCase) throws {
        let (found, expected) = try Self.positions(of: testCase, transform: Self.crlf)
        #expect(found == expected)
    }

    @Test(arguments: allExampleCases)
    func aByteOrderMarkKeepsFindingsInPlace(_ testCase: ExampleCase) throws {
        let (found, expected) = try Self.positions(of: testCase, transform: Self.withByteOrderMark)
        #expect(found == expected)
    }

    /// An own-line `# compose-audit: disable=ID` above each marked line (indented like it) silences the rule there.
    @Test(arguments: allExampleCases.filter(\.triggers))
    func aLineSuppressionSilencesEachFinding(_ testCase: ExampleCase) throws {
        let id = testCase.rule.description.id
        var files: [String: String] = [:]
        for (path, text) in testCase.example.files {
            var lines: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.contains(RuleExample.marker) {
                    let indent = line.prefix { $0 == " " }
                    lines.append("\(indent)# compose-audit: disable=\(id) -- tested")
                }
                lines.append(String(line.filter { $0 != RuleExample.marker }))
            }
            files[path] = lines.joined(separator: "\n")
        }
        let found = try findings(of: testCase.rule, in: files, environment: testCase.example.environment)
        #expect(found.filter { $0.ruleID == id }.isEmpty, "\(found.map { "\($0.location.path):\($0.position) \($0.message)" })")
    }

    /// A rule's fixes have the class its description states; a rule that describes no fix offers none.
    @Test(arguments: allExampleCases.filter(\.triggers))
    func emittedFixesHaveTheDescribedClass(_ testCase: ExampleCase) throws {
        let description = testCase.rule.description
        let found = try findings(of: testCase.rule, in: MarkedExample(testCase.example).files, environment: testCase.example.environment)
        for finding in found {
            guard let fix = finding.fix else { continue }
            // A finding's fix may be stricter than its rule's class (CA307 reading a variable the service sets), never looser.
            #expect(description.fixApplicability.map { fix.applicability <= $0 } ?? false, "\(description.id): `\(fix.title)` is \(fix.applicability.rawValue)")
        }
        if description.fixApplicability == nil { #expect(found.allSatisfy { $0.fix == nil }) }
    }

    /// The shapes a person's file has that the examples do not: CRLF line endings, a byte order mark.
    enum FileShape: String, CaseIterable, Sendable {
        case crlf, byteOrderMark

        func apply(_ text: String) -> String {
            switch self {
            case .crlf: RuleExampleVariantTests.crlf(text)
            case .byteOrderMark: RuleExampleVariantTests.withByteOrderMark(text)
            }
        }
    }

    /// A fix on a CRLF file writes CRLF; on a file with a BOM it keeps the BOM first.
    @Test(arguments: allCorrectionCases, FileShape.allCases)
    func fixesKeepTheFileShape(_ testCase: CorrectionCase, _ shape: FileShape) throws {
        let (fixed, outcome) = try applyFixes(of: testCase.rule, to: testCase.correction.before.mapValues(shape.apply))
        #expect(outcome.refused.isEmpty, "\(outcome.refused.map { "\($0.finding.message): \($0.reason)" })")
        for (path, expected) in testCase.correction.after where testCase.correction.before[path] != nil {
            #expect(fixed[path] == shape.apply(expected), "\(path):\n\(fixed[path] ?? "<missing>")")
        }
    }
}

/// Where a rule lives says what it is: its folder is its category, and its id's first digit belongs to that category.
@Suite("Rule placement")
struct RulePlacementTests {
    static let prefixes: [Category: String] = [.persistence: "CA1", .security: "CA2", .operations: "CA3", .build: "CA4", .consistency: "CA5"]

    @Test func idPrefixMatchesTheCategory() {
        for rule in BuiltinRules.descriptions {
            #expect(rule.id.hasPrefix(Self.prefixes[rule.category] ?? "?"), "\(rule.id) is \(rule.category.rawValue)")
        }
    }

    @Test func folderMatchesTheCategory() throws {
        let fileSystem = LocalFileSystem(root: RuleRegistryTests.packageRoot)
        var folders: [String: String] = [:]
        for folder in fileSystem.entries(of: "Sources/ComposeAuditRules") where folder.kind == .directory {
            for file in fileSystem.entries(of: "Sources/ComposeAuditRules/\(folder.name)") where file.name.hasSuffix("Rule.swift") {
                folders[String(file.name.dropLast(".swift".count))] = folder.name
            }
        }
        for rule in BuiltinRules.types {
            let folder = folders[String(describing: rule)]
            #expect(folder?.lowercased() == rule.description.category.rawValue, "\(rule) is in \(folder ?? "no folder")")
        }
    }
}
