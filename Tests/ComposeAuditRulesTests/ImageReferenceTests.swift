import Testing
@testable import ComposeAuditEngine

@Suite("Image references")
struct ImageReferenceTests {
    @Test(arguments: [
        ("postgres", nil, "postgres", nil, nil, "postgres"),
        ("  postgres:16.4 ", nil, "postgres", "16.4", nil, "postgres"),
        ("library/redis:7", nil, "redis", "7", nil, "redis"),
        ("docker.io/library/redis:7", "docker.io", "redis", "7", nil, "redis"),
        ("bitnami/PostgreSQL:latest", nil, "bitnami/PostgreSQL", "latest", nil, "postgresql"),
        ("localhost:5000/team/api:1.2@sha256:abc", "localhost:5000", "team/api", "1.2", "sha256:abc", "api"),
        ("localhost/api", "localhost", "api", nil, nil, "api"),
        ("registry.example.com:443/app", "registry.example.com:443", "app", nil, nil, "app"),
        ("mcr.microsoft.com/mssql/server:2022-latest", "mcr.microsoft.com", "mssql/server", "2022-latest", nil, "server"),
        ("nginx@sha256:0123", nil, "nginx", nil, "sha256:0123", "nginx"),
        ("host:5000/api", "host:5000", "api", nil, nil, "api"),
        ("", nil, "", nil, nil, ""),
    ] as [(String, String?, String, String?, String?, String)])
    func splitsIntoParts(text: String, registry: String?, repository: String, tag: String?, digest: String?, name: String) {
        let reference = ImageReference(text)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.name == name)
    }

    @Test func namespaceAndWindows() {
        #expect(ImageReference("mcr.microsoft.com/mssql/server:2022").namespace == "mssql")
        #expect(ImageReference("postgres").namespace == nil)
        #expect(ImageReference("mcr.microsoft.com/windows/servercore:ltsc2022").isWindows)
        #expect(!ImageReference("nginx:1.27").isWindows)
    }
}
