import ComposeAuditCore
import ComposeAuditSyntax
import Foundation
import Testing

/// `make stress`: inputs that used to take exponential time finish within a second (scaled by CA_TIME_SCALE).
/// Timing depends on the machine, so `make test` checks only what these inputs give.
@Suite("Syntax under time bounds", .enabled(if: ProcessInfo.processInfo.environment["COMPOSE_AUDIT_STRESS"] != nil,
                                               "make stress sets COMPOSE_AUDIT_STRESS"))
struct SyntaxStressTests {
    static func seconds(_ body: () throws -> Void) rethrows -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return clock.now - start
    }

    @Test func aliasBombIsRefusedWithinASecond() throws {
        let source = try TestPaths.edgeSource("compose/c13-alias-bomb.yml")
        let took = Self.seconds { _ = try? YAMLParser.parse(source) }
        #expect(took < .seconds(1 * TestPaths.timeScale), "\(took)")
    }

    @Test func pathologicalIgnorePatternsMatchWithinASecond() throws {
        let ignore = try DockerIgnore.parse(SourceFile(path: ".dockerignore", text: DockerIgnoreTests.pathologicalPattern))
        let took = Self.seconds { _ = ignore.excludes(DockerIgnoreTests.deepPath) }
        #expect(took < .seconds(1 * TestPaths.timeScale), "\(took)")
    }
}
