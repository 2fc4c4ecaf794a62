import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules
import Foundation
import Testing

/// `shellcheck` on this machine's PATH, which CA423's examples need (CI installs it and requires it).
let shellCheckOnPath = ShellCheckProgram.onPath(ProcessInfo.processInfo.environment)

/// An example project with its `↓` markers removed and their positions recorded.
struct MarkedExample {
    var files: [String: String] = [:]
    var expected: Set<String> = []

    init(_ example: RuleExample, prefix: String = "") {
        let prefixLines = prefix.isEmpty ? 0 : prefix.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        for (path, text) in example.files {
            var clean = ""
            for character in text {
                if character == RuleExample.marker {
                    let source = SourceFile(path: path, text: prefix + clean)
                    let position = source.lineColumn(at: source.bytes.count)
                    expected.insert("\(path):\(position.line - prefixLines):\(position.column)")
                } else {
                    clean.append(character)
                }
            }
            files[path] = prefix + clean
        }
    }
}

func findings(of ruleType: any Rule.Type, in files: [String: String], environment: [String: String] = [:], root: String = ".") throws -> [Finding] {
    let fileSystem = InMemoryFileSystem(files: files)
    var loader = ProjectLoader(fileSystem: fileSystem, environment: environment)
    loader.knownRules = BuiltinRules.documented
    loader.ruleSelection = RuleSelection(extendSelect: [RuleReference(ruleType.description.id)])  // opt-in rules too
    loader.shellChecker = shellCheckOnPath
    let project = try loader.load(root: root)
    return Linter(rules: [ruleType.init()]).audit(project).findings
}

struct ExampleCase: CustomTestStringConvertible, Sendable {
    var rule: any Rule.Type
    var example: RuleExample
    var triggers: Bool
    var testDescription: String { "\(rule.description.id) \(triggers ? "triggers" : "is silent"): \(example.note)" }
}

/// The examples of every rule whose program is at hand (ShellCheckTests says when CA423's are left out).
let allExampleCases: [ExampleCase] = BuiltinRules.types.filter { $0.description.requiredProgram == nil || shellCheckOnPath != nil }.flatMap { rule in
    rule.description.triggering.map { ExampleCase(rule: rule, example: $0, triggers: true) }
        + rule.description.nonTriggering.map { ExampleCase(rule: rule, example: $0, triggers: false) }
}

@Suite("Rule examples")
struct RuleExampleTests {
    @Test(arguments: allExampleCases)
    func findingsStandAtTheMarkers(_ testCase: ExampleCase) throws {
        let marked = MarkedExample(testCase.example)
        #expect(marked.expected.isEmpty != testCase.triggers, "triggering examples need markers, clean ones none")
        let found = try findings(of: testCase.rule, in: marked.files, environment: testCase.example.environment)
        let positions = Set(found.map { "\($0.location.path):\($0.position.line):\($0.position.column)" })
        #expect(positions == marked.expected, "\(found.map { "\($0.location.path):\($0.position) \($0.message)" })")
        #expect(found.allSatisfy { $0.ruleID == testCase.rule.description.id })
        #expect(found.allSatisfy { !$0.message.hasSuffix(".") }, "messages end without a period")
    }

    @Test(arguments: allExampleCases.filter(\.triggers))
    func columnsDoNotMoveBehindMultibyteLines(_ testCase: ExampleCase) throws {
        let marked = MarkedExample(testCase.example, prefix: "# ✓ multi-byte 🚀 line\n")
        let found = try findings(of: testCase.rule, in: marked.files, environment: testCase.example.environment)
        let positions = Set(found.map { "\($0.location.path):\($0.position.line - 1):\($0.position.column)" })
        #expect(positions == marked.expected)
    }

    @Test(arguments: allExampleCases.filter(\.triggers))
    func aFileSuppressionSilencesTheExample(_ testCase: ExampleCase) throws {
        let id = testCase.rule.description.id
        let marked = MarkedExample(testCase.example, prefix: "# compose-audit: disable-file=\(id) -- tested\n")
        let found = try findings(of: testCase.rule, in: marked.files, environment: testCase.example.environment)
        #expect(found.filter { $0.ruleID == id }.isEmpty)
    }

    @Test func everyRuleIsDocumentedWithExamples() {
        var ids: Set<String> = []
        for rule in BuiltinRules.descriptions {
            #expect(ids.insert(rule.id).inserted, "duplicate id \(rule.id)")
            #expect(!rule.triggering.isEmpty && !rule.nonTriggering.isEmpty, "\(rule.id) needs both kinds of examples")
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty)
            #expect(rule.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.name) is kebab-case")
            #expect((rule.fixTitle == nil) == (rule.fixApplicability == nil))
            #expect((rule.fixTitle == nil) == rule.corrections.isEmpty, "\(rule.id): a described fix needs a before/after example")
        }
        #expect(BuiltinRules.descriptions.map(\.id) == BuiltinRules.descriptions.map(\.id).sorted())
    }
}

@Suite("Rule registry and documentation")
struct RuleRegistryTests {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// Every `*Rule.swift` file under Sources/ComposeAuditRules is registered in BuiltinRules.
    @Test func everyRuleFileIsRegistered() throws {
        let fileSystem = LocalFileSystem(root: Self.packageRoot)
        var ruleFiles: [String] = []
        for folder in fileSystem.entries(of: "Sources/ComposeAuditRules") where folder.kind == .directory {
            for file in fileSystem.entries(of: "Sources/ComposeAuditRules/\(folder.name)") where file.name.hasSuffix("Rule.swift") {
                ruleFiles.append(String(file.name.dropLast(".swift".count)))
            }
        }
        let registered = BuiltinRules.types.map { String(describing: $0) }
        #expect(ruleFiles.sorted() == registered.sorted())
    }

    @Test func rulesMarkdownIsUpToDate() throws {
        let fileSystem = LocalFileSystem(root: Self.packageRoot)
        let committed = String(decoding: try fileSystem.contents(of: "docs/rules.md"), as: UTF8.self)
        #expect(committed == RuleDocumentation.markdown(BuiltinRules.documented),
                "docs/rules.md is out of date: run `make docs`")
    }
}
