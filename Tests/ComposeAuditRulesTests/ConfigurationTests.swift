import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

@Suite("Configuration file")
struct ConfigurationTests {
    static let compose = """
        services:
          db:
            image: postgres:16
            ports: ["5432:5432"]
            restart: always
        """

    func audit(_ config: String, files: [String: String] = [:], selection: RuleSelection = RuleSelection()) throws -> AuditReport {
        var all = ["compose.yaml": Self.compose, ".compose-audit.yml": config]
        all.merge(files) { _, new in new }
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: all))
        loader.knownRules = BuiltinRules.documented
        loader.ruleSelection = selection
        return Linter(rules: BuiltinRules.all).audit(try loader.load(root: "."))
    }

    @Test func severityKeyedByNameCategoryAndPrefixTheMostSpecificWins() throws {
        let report = try audit("severity:\n  no-new-privileges-missing: critical\n  security: info\n  CA30: high\n  CA301: low\n")
        #expect(report.findings.first { $0.ruleID == "CA205" }?.severity == .critical, "a name beats a category")
        #expect(report.findings.first { $0.ruleID == "CA209" }?.severity == .info, "the category")
        #expect(report.findings.first { $0.ruleID == "CA303" }?.severity == .high, "the prefix")
        #expect(report.findings.first { $0.ruleID == "CA301" }?.severity == .low, "a whole id beats a prefix")
    }

    /// The `hardening` set (CA219, CA220) fires on almost every service: it runs only when named.
    /// Strict CIS mode: `cis` selects every rule that checks a CIS control, the opt-in hardening set included.
    @Test func cisSelectsTheRulesOfTheBenchmark() {
        var configuration = Configuration()
        configuration.select = ["cis"]
        let selected = Set(BuiltinRules.documented.filter { configuration.selects($0) }.map(\.id))
        let expected = Set(BuiltinRules.documented.filter { !$0.standards.cis.isEmpty }.map(\.id))
        #expect(selected == expected)
        #expect(expected.isSuperset(of: ["CA201", "CA202", "CA219", "CA220", "CA301"]) && !expected.contains("CA503"))
        #expect(RuleReference("cis").problem(among: BuiltinRules.documented) == nil)
    }

    @Test func optInRulesRunOnlyWhenNamed() throws {
        let ids = { (report: AuditReport) in Set(report.findings.map(\.ruleID)) }
        let hardening: Set<String> = ["CA219", "CA220", "CA309"]  // CA221 needs devices, which this project has none of
        #expect(ids(try audit("")).isDisjoint(with: hardening), "off by default")
        for broad in ["select: [all]\n", "select: [security]\n", "select: [CA2]\n", "extend-select: [CA21]\n"] {
            #expect(ids(try audit(broad)).isDisjoint(with: hardening), "\(broad) is not a way to name them")
        }
        let extended = try audit("extend-select: [hardening]\n")
        #expect(hardening.isSubset(of: ids(extended)) && ids(extended).contains("CA205"), "the set, on top of the defaults")
        let byCommandLine = try audit("", selection: RuleSelection(extendSelect: ["hardening"]))
        #expect(hardening.isSubset(of: ids(byCommandLine)) && ids(byCommandLine).contains("CA209"))
        let one = try audit("", selection: RuleSelection(extendSelect: ["capabilities-not-dropped"]))
        #expect(ids(one).contains("CA219") && !ids(one).contains("CA220"), "one rule by its name")
        let only = try audit("select: [hardening]\n")
        #expect(ids(only) == hardening, "select replaces the defaults: \(ids(only))")
        let ignored = try audit("extend-select: [hardening]\nignore: [CA220]\n")
        #expect(ids(ignored).contains("CA219") && !ids(ignored).contains("CA220"))
    }

    @Test func commandLineSelectionLayersOverTheFile() throws {
        let ids = { (report: AuditReport) in Set(report.findings.map(\.ruleID)) }
        let replaced = try audit("select: [CA3]\n", selection: RuleSelection(select: ["security"]))
        #expect(!ids(replaced).isEmpty && ids(replaced).allSatisfy { $0.hasPrefix("CA2") })
        let extended = try audit("select: [CA3]\n", selection: RuleSelection(extendSelect: ["CA209"]))
        #expect(ids(extended).contains("CA209") && ids(extended).contains("CA301") && !ids(extended).contains("CA205"))
        let ignored = try audit("", selection: RuleSelection(ignore: ["no-new-privileges-missing", "operations"]))
        #expect(!ids(ignored).contains("CA205") && !ids(ignored).contains { $0.hasPrefix("CA3") } && ids(ignored).contains("CA209"))
    }

    @Test func selectIgnoreAndSeverityOverrides() throws {
        let report = try audit("select: [CA2, CA301]\nignore: [no-new-privileges-missing]\nseverity:\n  CA301: high\n")
        let ids = Set(report.findings.map(\.ruleID))
        #expect(ids.contains("CA209") && ids.contains("CA301"))
        #expect(!ids.contains("CA205") && !ids.contains("CA303"))
        #expect(report.findings.first { $0.ruleID == "CA301" }?.severity == .high)
    }

    @Test func perFileIgnores() throws {
        let report = try audit("per-file-ignores:\n  \"compose.yaml\": [CA209, CA3]\n")
        let ids = Set(report.findings.map(\.ruleID))
        #expect(!ids.contains("CA209") && !ids.contains("CA301") && ids.contains("CA205"))
    }

    @Test(arguments: [
        ("selct: [CA1]\n", 1, 1, "unknown key `selct`"),
        ("fail-on: sometimes\n", 1, 10, "expected critical"),
        ("min-score: 11\n", 1, 12, "from 0 to 10"),
        ("severity:\n  CA301: urgent\n", 2, 10, "expected critical"),
        ("rules:\n  CA301:\n    limits:\n      databse: {memory: 1G, cpus: 1}\n", 4, 7, "unknown service kind"),
        ("rules:\n  CA301: {limit: {}}\n", 2, 11, "unknown option `limit`; this rule reads `limits`"),
        ("rules:\n  CA414: {registries: ghcr.io}\n", 2, 23, "`registries` expects a list"),
        ("rules:\n  CA202: {strict: true}\n", 2, 3, "CA202 has no options; rules with options: CA301, CA414"),
        ("rules:\n  CA4: {registries: []}\n", 2, 3, "`rules:` takes a rule id or name"),
        ("rules:\n  CA41A: {registries: []}\n", 2, 3, "unknown rule `CA41A`"),
        ("resources:\n  database: {memory: 1G, cpus: 1}\n", 1, 1, "`resources` moved to the rule that reads it"),
        ("trusted-registries: [ghcr.io]\n", 1, 1, "`trusted-registries` moved"),
        // A rule named anywhere in the file must exist (ids, prefixes, categories, names), with a suggestion.
        ("select: [CA2, foo]\n", 1, 15, "unknown rule `foo`"),
        ("ignore: [CA4O5]\n", 1, 10, "did you mean `CA405`?"),
        ("severity:\n  no-new-privilege: high\n", 2, 3, "did you mean `no-new-privileges-missing`?"),
        ("severity:\n  CA999: high\n", 2, 3, "unknown rule `CA999`"),
        ("per-file-ignores:\n  \"*.yml\": [securty]\n", 2, 13, "did you mean `security`?"),
    ])
    func badValuesAreErrorsWithTheirPosition(_ config: String, _ line: Int, _ column: Int, _ reason: String) throws {
        let error = #expect(throws: ProjectLoader.LoadError.self) { try audit(config) }
        guard case .input(let input)? = error else { Issue.record("expected an input error"); return }
        #expect(input.path == ".compose-audit.yml")
        #expect(input.position == LineColumn(line: line, column: column), "\(input)")
        #expect(input.reason.contains(reason), "\(input.reason)")
    }

    @Test func resourceDefaultsDriveTheLimitsFix() throws {
        let files = ["compose.yaml": "services:\n  db:\n    image: postgres:16\n",
                     ".compose-audit.yml": "rules:\n  CA301:\n    limits:\n      database: {memory: 4G, cpus: \"3\"}\n"]
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all), options: FixOptions(minimumApplicability: .unsafe, select: ["CA301"]))
        let outcome = try fixer.run(on: InMemoryFileSystem(files: files)) { fileSystem throws(ProjectLoader.LoadError) in
            var loader = ProjectLoader(fileSystem: fileSystem)
            loader.knownRules = BuiltinRules.documented
            return try loader.load(root: ".")
        }
        let fixed = outcome.files.first.map { String(decoding: $0.fixed, as: UTF8.self) } ?? ""
        #expect(fixed.contains("cpus: '3'\n          memory: 4G"))
    }
}
