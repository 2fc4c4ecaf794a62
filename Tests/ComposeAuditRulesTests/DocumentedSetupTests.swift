import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// A project that commits an example env file documents a setup step (copy it, fill it in): what is missing
/// because that step was not taken yet is information, not a defect (issue #18, intent respected).
@Suite("Documented setup steps")
struct DocumentedSetupTests {
    static let compose = """
        services:
          app:
            image: example/app:1.4.2
            env_file: [.env, config/app.env]
            environment:
              DB_HOST: ${DB_HOST}
        """ + "\n"

    @Test(arguments: [".env.example", ".env.sample", "example.env", "env.example", ".env.dist", ".env.template"])
    func anExampleBesideTheComposeFileMakesItInformation(example: String) throws {
        let files = ["compose.yaml": Self.compose, example: "DB_HOST=db\n", "config/app.env.sample": "MODE=dev\n"]
        let missing = try findings(of: MissingEnvFileRule.self, in: files)
        #expect(missing.map(\.severity) == [.info, .info], "\(missing.map(\.message))")
        #expect(missing.first?.message.hasSuffix("`\(example)` documents it: copy it to `.env` and fill it in") ?? false, "\(missing.map(\.message))")
        #expect(missing.last?.message.contains("`config/app.env.sample` documents it") ?? false, "\(missing.map(\.message))")
        let undefined = try findings(of: UndefinedVariableRule.self, in: files)
        #expect(undefined.map(\.severity) == [.info], "\(undefined.map(\.message))")
    }

    @Test func withoutAnExampleTheyKeepTheirSeverity() throws {
        let files = ["compose.yaml": Self.compose, ".env.example": "OTHER=1\n"]
        #expect(try findings(of: MissingEnvFileRule.self, in: files).map(\.severity) == [.info, .high],
                "`.env` is documented by the example even if DB_HOST is not; config/app.env is not")
        #expect(try findings(of: UndefinedVariableRule.self, in: files).map(\.severity) == [.medium], "DB_HOST is not in the example")
    }
}
