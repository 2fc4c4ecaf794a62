import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// The fixes a reviewer would not merge, as issue #17 found them: where the value a fix needs is not in the project,
/// the finding stays and offers no fix; where one fix opens the way for the next, one `fix` run applies both.
@Suite("Fixes that would invent offer none")
struct FixRepairTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: any Rule.Type
        var note: String
        var files: [String: String]
        var testDescription: String { "\(rule.description.id): \(note)" }
    }

    static let cases: [Case] = [
        Case(rule: MissingOCILabelsRule.self, note: "a Dockerfile two services build has no one title", files: [
            "compose.yaml": "services:\n  web:\n    build: .\n  worker:\n    build: .\n",
            "Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
            ".git/config": "[remote \"origin\"]\n\turl = https://github.com/example/shop.git\n",
        ]),
        Case(rule: HardcodedWorkerCountRule.self, note: "celery reads no variable of its own for the count", files: [
            "compose.yaml": "services:\n  worker:\n    image: example/app:1.0\n    command: celery -A proj worker -c 8\n",
        ]),
        Case(rule: HardcodedWorkerCountRule.self, note: "a distroless image has no shell for `sh -c`", files: [
            "compose.yaml": "services:\n  web:\n    image: gcr.io/distroless/python3:latest\n    command: [\"gunicorn\", \"-w\", \"4\", \"app.wsgi\"]\n",
        ]),
        Case(rule: HardcodedWorkerCountRule.self, note: "a Dockerfile whose final stage grows from distroless has no shell", files: [
            "compose.yaml": "services:\n  web:\n    build: .\n",
            "Dockerfile": "FROM gcr.io/distroless/python3-debian12 AS base\nFROM base\nCMD [\"gunicorn\", \"-w\", \"4\", \"app.wsgi\"]\n",
        ]),
        Case(rule: HardcodedSecretRule.self, note: ".env gives the variable another value: moving it would change what runs", files: [
            "compose.yaml": "services:\n  api:\n    image: example/api:1.0\n    environment:\n      API_TOKEN: 8c1f3e0b9a7d\n",
            ".env": "API_TOKEN=another-token-value\n",
        ]),
        Case(rule: HardcodedSecretRule.self, note: "a service reads .env as an env_file: the secret would reach its container too", files: [
            "compose.yaml": "services:\n  api:\n    image: example/api:1.0\n    environment:\n      API_TOKEN: 8c1f3e0b9a7d\n  web:\n    image: example/web:1.0\n    env_file: .env\n",
            ".env": "LOG_LEVEL=info\n",
        ]),
        Case(rule: HardcodedSecretRule.self, note: "a value with a single quote and spaces cannot be written to .env as it is", files: [
            "compose.yaml": "services:\n  api:\n    image: example/api:1.0\n    environment:\n      APP_SECRET: \"it's a secret\"\n",
        ]),
    ]

    @Test(arguments: cases)
    func theFindingStaysWithoutAFix(_ testCase: Case) throws {
        let found = try findings(of: testCase.rule, in: testCase.files)
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.allSatisfy { $0.fix == nil }, "\(found.compactMap(\.fix?.title))")
    }

    /// The seed's case: the service sets UVICORN_WORKERS and the command ignores it. Reading it changes the count to
    /// what the author set, so that one fix is unsafe and says so, though CA307's class is safe.
    @Test func readingAWorkerVariableTheServiceSetsIsUnsafe() throws {
        let found = try findings(of: HardcodedWorkerCountRule.self, in: [
            "compose.yaml": "services:\n  web:\n    image: example/app:1.0\n    environment:\n      UVICORN_WORKERS: 2\n    command: uvicorn app:app --workers 4\n",
        ])
        #expect(found.count == 1)
        #expect(found.first?.fix?.applicability == .unsafe)
        #expect(found.first?.fix?.consequence == "The worker count becomes what `UVICORN_WORKERS` says in `environment`, no longer 4")
        #expect(HardcodedWorkerCountRule.description.fixApplicability == .safe)
    }

    /// Issue #17's seed-like stack: once CA304 gives redis a healthcheck, CA305 makes `api` wait for it, in one run.
    @Test func aHealthcheckAndTheWaitForItLandInOneRun() throws {
        let compose = """
            services:
              api:
                image: example/api:1.0
                restart: unless-stopped
                depends_on:
                  - redis
                  - db
              redis:
                image: redis:7.2
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}
            """ + "\n"
        let fileSystem = InMemoryFileSystem(files: ["compose.yaml": compose, ".env": "DB_PASSWORD=x7Rt2q\n"])
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all),
                          options: FixOptions(minimumApplicability: .unsafe, select: [RuleReference("CA304"), RuleReference("CA305")]))
        let outcome = try fixer.run(on: fileSystem) { fileSystem throws(ProjectLoader.LoadError) in
            var loader = ProjectLoader(fileSystem: fileSystem)
            loader.knownRules = BuiltinRules.documented
            return try loader.load(root: ".")
        }
        #expect(Set(outcome.applied.map(\.finding.ruleID)) == ["CA304", "CA305"])
        // Left: `api` itself, whose image the tool knows no healthcheck for (no fix is offered there).
        let left = outcome.after.findings.filter { ["CA304", "CA305"].contains($0.ruleID) }
        #expect(left.map(\.message) == ["Service `api` has no healthcheck"] && left.allSatisfy { $0.fix == nil }, "\(left.map(\.message))")
        #expect(outcome.unconverged.isEmpty)
    }
}
