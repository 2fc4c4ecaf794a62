import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// A compose file with another name than Compose's defaults, meant to be added with `-f` to a main file, is only
/// information on its own about networks it leaves to that file (docker-elk's `extensions/*/…-compose.yml`).
@Suite("Compose fragments")
struct ComposeFragmentTests {
    static let fragment = "services:\n  filebeat:\n    image: docker.elastic.co/beats/filebeat:8.15.0\n    networks: [elk]\n"

    func findings(_ files: [String: String], loading paths: [String], rule: any Rule = UndefinedResourceReferenceRule()) throws -> [Finding] {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        let project = try loader.load(root: ".", files: paths)
        return Linter(rules: [rule]).audit(project).findings
    }

    /// frappe_docker's `overrides/compose.nginxproxy-ssl.yaml`: it declares a volume of its own, but adjusts
    /// services its main file defines (`frontend` has no image here), so the volumes it mounts are that file's.
    static let override = """
        services:
          frontend:
            environment: {LETSENCRYPT_HOST: example.com}
          acme-companion:
            image: nginxproxy/acme-companion:2.4
            volumes:
              - nginx-proxy-certs:/etc/nginx/certs
              - acme-data:/etc/acme.sh
        volumes:
          acme-data:
        """

    @Test func aVolumeOfTheMainFileIsInformationInAnOverride() throws {
        let found = try findings(["overrides/compose.proxy-ssl.yaml": Self.override], loading: ["overrides/compose.proxy-ssl.yaml"],
                                 rule: UndeclaredNamedVolumeRule())
        #expect(found.map(\.ruleID) == ["CA102"])
        #expect(found.map(\.severity) == [.info])
        #expect(found.first?.message.contains("check them together") == true)
    }

    /// docker-elk's `extensions/fleet/fleet-compose.yml`: `depends_on: [elasticsearch]`, a service of the main file.
    @Test func aServiceOfTheMainFileIsInformationInAFragment() throws {
        let fleet = "services:\n  fleet:\n    image: docker.elastic.co/beats/elastic-agent:8.15.0\n    depends_on: [elasticsearch]\n"
        let alone = try findings(["extensions/fleet/fleet-compose.yml": fleet], loading: ["extensions/fleet/fleet-compose.yml"],
                                 rule: UnknownServiceReferenceRule())
        #expect(alone.map(\.severity) == [.info])
        #expect(alone.first?.message.contains("check them together") == true)
        let main = try findings(["compose.yaml": fleet], loading: ["compose.yaml"], rule: UnknownServiceReferenceRule())
        #expect(main.map(\.severity) == [.critical], "in the main file it is a dangling reference")
    }

    /// The habit rules leave a service the fragment only adjusts (`frontend`: no image here) to its main file.
    @Test func habitsAreNotAskedOfAServiceAFragmentOnlyAdjusts() throws {
        for rule in [NoRestartPolicyRule() as any Rule, NoResourceLimitsRule(), NoHealthcheckRule(), NoLogRotationRule(),
                     NoNewPrivilegesMissingRule()] {
            let found = try findings(["overrides/compose.proxy-ssl.yaml": Self.override], loading: ["overrides/compose.proxy-ssl.yaml"], rule: rule)
            #expect(found.map(\.service) == ["acme-companion"], "\(type(of: rule).description.id): \(found.map(\.message))")
        }
    }

    /// docker-elk's `extensions/filebeat/filebeat-compose.yml` builds `extensions/filebeat/`, relative to the main file.
    @Test func aContextOfTheMainFilesFolderIsInformationInAFragment() throws {
        let filebeat = "services:\n  filebeat:\n    build:\n      context: extensions/filebeat/\n"
        let files = ["extensions/filebeat/filebeat-compose.yml": filebeat, "extensions/filebeat/Dockerfile": "FROM alpine:3.20\n"]
        let alone = try findings(files, loading: ["extensions/filebeat/filebeat-compose.yml"], rule: MissingBuildContextRule())
        #expect(alone.map(\.severity) == [.info])
        let main = try findings(["compose.yaml": filebeat], loading: ["compose.yaml"], rule: MissingBuildContextRule())
        #expect(main.map(\.severity) == [.critical])
    }

    /// docker-elk's `extensions/metricbeat/metricbeat-compose.yml` reads `${ELASTIC_VERSION}`, which the `.env` at
    /// the repository root (the main file's folder) sets.
    @Test func aVariableTheMainFilesEnvSetsIsInformationInAFragment() throws {
        let metricbeat = "services:\n  metricbeat:\n    image: docker.elastic.co/beats/metricbeat:${ELASTIC_VERSION}\n"
        let files = [".env": "ELASTIC_VERSION=8.15.0\n", "extensions/metricbeat/metricbeat-compose.yml": metricbeat]
        let alone = try findings(files, loading: ["extensions/metricbeat/metricbeat-compose.yml"], rule: UndefinedVariableRule())
        #expect(alone.map(\.severity) == [.info])
        #expect(alone.first?.message.contains("`.env` sets it") == true, "\(alone.map(\.message))")
        let documented = try findings(["example.env": "ELASTIC_VERSION=8.15.0\n", "extensions/metricbeat/metricbeat-compose.yml": metricbeat],
                                      loading: ["extensions/metricbeat/metricbeat-compose.yml"], rule: UndefinedVariableRule())
        #expect(documented.map(\.severity) == [.info], "frappe_docker's overrides: the root's example.env documents it")
        let unset = try findings([".env": "OTHER=1\n", "extensions/metricbeat/metricbeat-compose.yml": metricbeat],
                                 loading: ["extensions/metricbeat/metricbeat-compose.yml"], rule: UndefinedVariableRule())
        #expect(unset.map(\.severity) == [.medium])
    }

    @Test func anUndeclaredVolumeInACompleteFileIsReported() throws {
        let complete = Self.override.replacingOccurrences(of: "  frontend:\n    environment: {LETSENCRYPT_HOST: example.com}\n", with: "")
        let found = try findings(["overrides/compose.proxy-ssl.yaml": complete], loading: ["overrides/compose.proxy-ssl.yaml"],
                                 rule: UndeclaredNamedVolumeRule())
        #expect(found.map(\.severity) == [.high], "it declares volumes and every service is whole: a typo")
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
