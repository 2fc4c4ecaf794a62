import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules
import Foundation
import Testing

/// Every fix against the written classes of docs/fix-safety.md: a class that follows from declared effects, a
/// consequence a reviewer can read, safe fixes that invent nothing, and no fix whose edit the tool then reports.
@Suite("Fix safety classes")
struct FixSafetyTests {
    static let fixedRules = BuiltinRules.descriptions.filter { $0.fixTitle != nil }

    @Test func everyFixStatesItsEffectsAndOneLineOfConsequence() {
        #expect(Self.fixedRules.count >= 30)
        for rule in BuiltinRules.descriptions {
            #expect((rule.fixTitle == nil) == (rule.fixSafety == nil), "\(rule.id): a fix needs its safety, and only a fix has one")
            guard let safety = rule.fixSafety else { continue }
            let consequence = safety.consequence
            #expect(!consequence.isEmpty && !consequence.contains("\n") && consequence.count <= 240 && !consequence.hasSuffix("."),
                    "\(rule.id): one line without a final period, at most 240 characters")
            #expect(!(rule.fixTitle ?? "").contains("(unsafe"), "\(rule.id): the title names the change; the consequence says what it costs")
            #expect(Set(safety.effects).count == safety.effects.count, "\(rule.id): an effect is named once")
            for part in safety.modelParts {
                #expect(part.split(separator: ".").allSatisfy { !$0.isEmpty }, "\(rule.id): `\(part)` is a dotted path")
            }
        }
    }

    /// Numbers and `${VARIABLE}` names in the text after a safe fix all stand in the text before it, and a safe fix
    /// creates no file: it has no room to invent a value, a policy or a name.
    @Test(arguments: allCorrectionCases.filter { $0.rule.description.fixApplicability == .safe })
    func safeFixesInventNothing(_ testCase: CorrectionCase) throws {
        let (fixed, _) = try applyFixes(of: testCase.rule, to: testCase.correction.before)
        let created = Set(fixed.keys).subtracting(testCase.correction.before.keys)
        #expect(created.isEmpty, "a safe fix created \(created.sorted())")
        let before = testCase.correction.before.values.joined(separator: "\n")
        let after = fixed.values.joined(separator: "\n")
        let newNumbers = Self.numbers(in: after).subtracting(Self.numbers(in: before))
        let newVariables = Self.variables(in: after).subtracting(Self.variables(in: before))
        #expect(newNumbers.isEmpty, "invented numbers \(newNumbers.sorted())")
        #expect(newVariables.isEmpty || testCase.rule.description.id == "CA307",
                "invented variables \(newVariables.sorted())")
    }

    /// The server's own variable (gunicorn and uvicorn read WEB_CONCURRENCY themselves) is the one new name CA307
    /// may write, and only that.
    @Test func theWorkerCountFixUsesOnlyTheServersOwnVariable() throws {
        for correction in HardcodedWorkerCountRule.description.corrections {
            let (fixed, _) = try applyFixes(of: HardcodedWorkerCountRule.self, to: correction.before)
            let new = Self.variables(in: fixed.values.joined()).subtracting(Self.variables(in: correction.before.values.joined()))
            #expect(new == ["WEB_CONCURRENCY"], "\(correction.note): \(new.sorted())")
        }
    }

    /// After a fix, the other rules find nothing new in what it wrote (a `${X:?}` reported as unset, a new `.env`
    /// reported in a build context, a generated service reported for what it lacks, a mount of a missing folder).
    /// A few fixes open the way for the next one, which the same `fix` run applies: a healthcheck (CA304) lets
    /// dependants wait for it (CA305), a data volume (CA101, CA104) wants a backup (CA105), limits (CA301) want
    /// reservations (CA302), and a restart policy (CA306) makes a stack run by hand one left running, whose other
    /// habits rise from information to their rules' severities (CA205, CA301, CA303, CA304).
    static let nextFixes: [String: Set<String>] = ["CA304": ["CA305"], "CA101": ["CA105"], "CA104": ["CA105"], "CA301": ["CA302"],
                                                   "CA306": ["CA205", "CA301", "CA303", "CA304"]]

    @Test(arguments: allCorrectionCases)
    func noRuleReportsWhatAFixWrote(_ testCase: CorrectionCase) throws {
        let (fixed, _) = try applyFixes(of: testCase.rule, to: testCase.correction.before)
        let old = Set(try Self.findings(in: testCase.correction.before).map(Self.identity))
        let new = try Self.findings(in: fixed).filter { !old.contains(Self.identity($0)) && $0.ruleID != testCase.rule.description.id }
        let expected = Self.nextFixes[testCase.rule.description.id] ?? []
        let unexpected = new.filter { !expected.contains($0.ruleID) }
        #expect(unexpected.isEmpty, "\(unexpected.map { "\($0.ruleID) \($0.location.path):\($0.position.line): \($0.message)" })")
    }

    @Test func theClassesPageIsUpToDate() throws {
        let page = try String(contentsOfFile: Self.packageRoot + "/docs/fix-safety.md", encoding: .utf8)
        #expect(page == RuleDocumentation.fixSafetyMarkdown(BuiltinRules.documented), "run `make docs`")
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func identity(_ finding: Finding) -> String { "\(finding.ruleID)\u{0}\(finding.subject)\u{0}\(finding.message)" }

    static func findings(in files: [String: String]) throws -> [Finding] {
        let fileSystem = InMemoryFileSystem(files: files)
        var loader = ProjectLoader(fileSystem: fileSystem)
        loader.knownRules = BuiltinRules.documented
        return Linter(rules: BuiltinRules.all).audit(try loader.load(root: ".")).findings
    }

    static func numbers(in text: String) -> Set<String> {
        Set(text.split { !$0.isNumber }.map(String.init))
    }

    static func variables(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            rest = rest[start.upperBound...]
            names.insert(String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
        }
        return names
    }
}
