import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// A compose file with another name than Compose's defaults, meant to be added with `-f` to a main file, is only
/// information on its own about networks it leaves to that file (docker-elk's `extensions/*/…-compose.yml`).
@Suite("Compose fragments")
struct ComposeFragmentTests {
    static let fragment = "services:\n  filebeat:\n    image: docker.elastic.co/beats/filebeat:8.15.0\n    networks: [elk]\n"

    func findings(_ files: [String: String], loading paths: [String]) throws -> [Finding] {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: ".", files: paths)
        return Linter(rules: [UndefinedResourceReferenceRule()]).audit(project).findings
    }

    /// Compose refuses it alone, so it is reported, for information only and saying why.
    @Test func aFragmentLoadedAloneIsInformation() throws {
        let found = try findings(["extensions/filebeat-compose.yml": Self.fragment], loading: ["extensions/filebeat-compose.yml"])
        #expect(found.map(\.ruleID) == ["CA511"])
        #expect(found.map(\.severity) == [.info])
        #expect(found.first?.message.contains("check them together") == true)
    }

    @Test func theSameTextAsTheMainFileIsReported() throws {
        let found = try findings(["compose.yaml": Self.fragment], loading: ["compose.yaml"])
        #expect(found.map(\.ruleID) == ["CA511"])
        #expect(found.map(\.severity) == [.high])
    }

    @Test func aFragmentThatDefinesNetworksButNotThisOneIsReported() throws {
        let text = Self.fragment + "networks:\n  elastic: {}\n"
        let found = try findings(["extensions/filebeat-compose.yml": text], loading: ["extensions/filebeat-compose.yml"])
        #expect(found.map(\.ruleID) == ["CA511"])
        #expect(found.map(\.severity) == [.high])
    }

    @Test func theFragmentAddedToItsMainFileIsSilent() throws {
        let main = "services:\n  elasticsearch:\n    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0\n    networks: [elk]\nnetworks:\n  elk: {}\n"
        let found = try findings(["docker-compose.yml": main, "extensions/filebeat-compose.yml": Self.fragment],
                                 loading: ["docker-compose.yml", "extensions/filebeat-compose.yml"])
        #expect(found.isEmpty)
    }
}
