import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

struct CorrectionCase: CustomTestStringConvertible, Sendable {
    var rule: any Rule.Type
    var correction: RuleCorrection
    var testDescription: String { "\(rule.description.id) fix: \(correction.note)" }
}

let allCorrectionCases: [CorrectionCase] = BuiltinRules.types.flatMap { rule in
    rule.description.corrections.map { CorrectionCase(rule: rule, correction: $0) }
}

/// Applies one rule's fixes (safe and unsafe) to in-memory files; returns every file's final text.
func applyFixes(of rule: any Rule.Type, to files: [String: String]) throws -> (files: [String: String], outcome: FixOutcome) {
    let fileSystem = InMemoryFileSystem(files: files)
    let fixer = Fixer(linter: Linter(rules: [rule.init()]),
                      options: FixOptions(minimumApplicability: .unsafe, select: [RuleReference(rule.description.id)]))
    let outcome = try fixer.run(on: fileSystem) { fileSystem throws(ProjectLoader.LoadError) in
        var loader = ProjectLoader(fileSystem: fileSystem)
        loader.knownRules = BuiltinRules.documented
        loader.ruleSelection = RuleSelection(extendSelect: [RuleReference(rule.description.id)])  // opt-in rules too
        return try loader.load(root: ".")
    }
    var result = files
    for file in outcome.files { result[file.path] = String(decoding: file.fixed, as: UTF8.self) }
    return (result, outcome)
}

@Suite("Rule fixes")
struct RuleCorrectionTests {
    /// A `dockerfile_inline` is a value in the compose file that fixes do not edit: its findings offer no fix, so
    /// neither the `[*]` marker nor the fixable count promises one.
    @Test func findingsInAnInlineDockerfileOfferNoFix() throws {
        let compose = "services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        RUN pip install flask\n"
        let found = try findings(of: PipCacheRule.self, in: ["compose.yaml": compose])
        #expect(found.map(\.ruleID) == ["CA408"], "the finding stays")
        #expect(found.allSatisfy { $0.fix == nil })
        let onDisk = try findings(of: PipCacheRule.self, in: ["compose.yaml": "services:\n  app:\n    build: .\n",
                                                               "Dockerfile": "FROM python:3.12-slim\nRUN pip install flask\n"])
        #expect(onDisk.count == 1 && onDisk.allSatisfy { $0.fix != nil }, "the same finding in a Dockerfile on disk has its fix")
    }

    @Test(arguments: allCorrectionCases)
    func fixTurnsBeforeIntoAfter(_ testCase: CorrectionCase) throws {
        let (fixed, outcome) = try applyFixes(of: testCase.rule, to: testCase.correction.before)
        #expect(outcome.refused.isEmpty, "\(outcome.refused.map { "\($0.finding.message): \($0.reason)" })")
        #expect(!outcome.applied.isEmpty)
        for (path, expected) in testCase.correction.after {
            #expect(fixed[path] == expected, "\(path):\n\(fixed[path] ?? "<missing>")")
        }
        for (path, original) in testCase.correction.before where testCase.correction.after[path] == nil {
            #expect(fixed[path] == original, "\(path) should not change")
        }
        #expect(outcome.after.findings.filter { $0.ruleID == testCase.rule.description.id && $0.fix != nil }.isEmpty)
    }

    @Test(arguments: allCorrectionCases)
    func fixIsIdempotent(_ testCase: CorrectionCase) throws {
        let (fixed, _) = try applyFixes(of: testCase.rule, to: testCase.correction.before)
        let (again, outcome) = try applyFixes(of: testCase.rule, to: fixed)
        #expect(outcome.files.isEmpty)
        #expect(again == fixed)
    }

    @Test func byteOrderMarkStaysFirst() throws {
        let before = "\u{FEFF}services:\n  web:\n    image: nginx:1.27\n"
        let rule = BuiltinRules.types.first { $0.description.id == "CA303" }!
        let (fixed, _) = try applyFixes(of: rule, to: ["compose.yaml": before])
        #expect(fixed["compose.yaml"]?.hasPrefix("\u{FEFF}x-logging: &default-logging\n") == true, "\(fixed["compose.yaml"] ?? "")")
    }

    @Test func fixesKeepCommentsAndCRLF() throws {
        let before = "# stack\r\nservices:\r\n  web:  # the site\r\n    image: nginx:1.27\r\n    # keep me\r\n"
        let (fixed, _) = try applyFixes(of: BuiltinRules.types.first { $0.description.id == "CA306" }!, to: ["compose.yaml": before])
        #expect(fixed["compose.yaml"] == "# stack\r\nservices:\r\n  web:  # the site\r\n    image: nginx:1.27\r\n    restart: unless-stopped\r\n    # keep me\r\n")
    }
}
