import ComposeAuditEngine
import Testing

/// The image catalogue is the one place image knowledge lives: every name in exactly one family.
@Suite("Image catalogue")
struct ImageCatalogueTests {
    @Test func everyImageNameBelongsToExactlyOneFamily() {
        var owners: [String: [String]] = [:]
        for family in ImageCatalogue.families {
            for name in family.names { owners["\(family.namespace.map { $0 + "/" } ?? "")\(name)", default: []].append(family.family) }
        }
        for (name, families) in owners.sorted(by: { $0.key < $1.key }) {
            #expect(families.count == 1, "`\(name)` is in \(families)")
        }
        #expect(Set(ImageCatalogue.families.map(\.family)).count == ImageCatalogue.families.count, "family names are unique")
    }

    @Test(arguments: [
        ("postgres:16", "postgres"), ("bitnami/postgresql:16", "postgres"), ("timescale/timescaledb-ha:pg16", "postgres"),
        ("mariadb:11", "mariadb"), ("mysql:8.4", "mysql"), ("valkey/valkey:8", "valkey"),
        ("mcr.microsoft.com/mssql/server:2022-latest", "mssql"), ("vaultwarden/server:1.32", "vaultwarden server"),
        ("grafana/grafana-oss:11.0.0", "grafana"), ("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "elasticsearch"),
    ])
    func imagesResolveToTheirFamily(image: String, family: String) {
        #expect(ImageCatalogue.family(of: image)?.family == family)
    }

    @Test(arguments: ["example/server:1.0", "ghcr.io/acme/app:1.2", "busybox:1.36"])
    func unknownImagesHaveNoFamily(image: String) {
        #expect(ImageCatalogue.family(of: image) == nil)
    }

    @Test func bitnamiImagesKeepDataUnderBitnamiAndRunAsNonRoot() throws {
        let family = try #require(ImageCatalogue.family(of: "bitnami/redis:7.4"))
        #expect(family.dataDirectories == ["/bitnami/redis", "/bitnami"])
        #expect(family.runsAsNonRoot)
        #expect(ImageCatalogue.family(of: "redis:7.4")?.runsAsNonRoot == false)
    }

    /// Images known only for a fact (a built-in healthcheck) are no server the rules reason about.
    @Test func factOnlyFamiliesAreNotKnownImages() {
        #expect(ImageCatalogue.family(of: "pihole/pihole:2024.07.0")?.hasBuiltInHealthcheck == true)
        #expect(ImageCatalogue.knownImage("pihole/pihole:2024.07.0") == nil)
        #expect(ImageCatalogue.knownImage("redis:7.4")?.kind == .cache)
    }
}
