import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

@Suite("Suppressions")
struct SuppressionTests {
    func audit(_ files: [String: String]) throws -> [Finding] {
        let project = try ProjectLoader(fileSystem: InMemoryFileSystem(files: files)).load(root: ".")
        return Linter(rules: BuiltinRules.all).audit(project).findings
    }

    func ids(_ findings: [Finding], in service: String? = nil) -> [String] {
        findings.filter { service == nil || $0.message.contains("`\(service!)`") }.map(\.ruleID)
    }

    @Test func ownLineCoversTheNextEntryWithEverythingNestedInIt() throws {
        let findings = try audit(["compose.yaml": """
            services:
              # compose-audit: disable=CA301,no-log-rotation -- limits come from the orchestrator
              api:
                image: example/api:1.0
                restart: unless-stopped
              web:
                image: example/web:1.0
                restart: unless-stopped
            """])
        #expect(!ids(findings, in: "api").contains("CA301") && !ids(findings, in: "api").contains("CA303"))
        #expect(ids(findings, in: "web").contains("CA301") && ids(findings, in: "web").contains("CA303"))
        #expect(!ids(findings).contains("CA001") && !ids(findings).contains("CA002"))
    }

    @Test func endOfLineCoversItsLineOnly() throws {
        let findings = try audit(["compose.yaml": """
            services:
              db:
                image: postgres:16
                ports:
                  - "5432:5432"   # compose-audit: disable=CA209 -- local development only
                  - "5433:5433"
            """])
        let published = findings.filter { $0.ruleID == "CA209" }.map(\.position.line)
        #expect(published == [6])
    }

    @Test func dockerfileCommentCoversTheNextInstruction() throws {
        let findings = try audit([
            "compose.yaml": "services:\n  app:\n    build: .\n",
            "Dockerfile": "FROM python:3.12-slim\n# compose-audit: disable=CA408\nRUN pip install \\\n    flask\nRUN pip install requests\n",
        ])
        #expect(findings.filter { $0.ruleID == "CA408" }.map(\.position.line) == [5])
    }

    @Test func unknownAndUnusedSuppressionsAreReported() throws {
        for (example, expected) in SuppressionDiagnostics.all.flatMap({ rule in
            rule.triggering.map { ($0, [rule.id]) } + rule.nonTriggering.map { ($0, [String]()) }
        }) {
            let found = try audit(example.files).map(\.ruleID).filter { $0 == "CA001" || $0 == "CA002" }
            #expect(found == expected, "\(example.note)")
        }
    }
}
