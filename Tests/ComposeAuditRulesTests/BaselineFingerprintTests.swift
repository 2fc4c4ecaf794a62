import ComposeAuditCore
@testable import ComposeAuditEngine
import Testing

/// Fingerprints (baselines, GitLab, SARIF) do not depend on how the project's path was typed.
@Suite("Baseline fingerprints")
struct BaselineFingerprintTests {
    static func finding(root: String, path: String, message: String, subject: String = "service:db") -> Finding {
        Finding(ruleID: "CA209", ruleName: "sensitive-port-published", category: .security, severity: .high, message: message,
                location: SourceLocation(path: path, range: TextRange(start: 0, end: 1)), position: LineColumn(line: 1, column: 1),
                endPosition: LineColumn(line: 1, column: 2), subject: subject, projectRoot: root)
    }

    @Test func theSameFindingUnderAnyRootHasOneFingerprint() {
        let inside = Self.finding(root: ".", path: "compose.yaml", message: "`.env` sets `X` in `compose.yaml`", subject: "dockerfile:Dockerfile")
        let above = Self.finding(root: "shop", path: "shop/compose.yaml", message: "`shop/.env` sets `X` in `shop/compose.yaml`",
                                 subject: "dockerfile:shop/Dockerfile")
        let absolute = Self.finding(root: "/home/me/shop", path: "/home/me/shop/compose.yaml",
                                    message: "`/home/me/shop/.env` sets `X` in `/home/me/shop/compose.yaml`", subject: "dockerfile:/home/me/shop/Dockerfile")
        #expect(Baseline.fingerprint(inside) == Baseline.fingerprint(above))
        #expect(Baseline.fingerprint(inside) == Baseline.fingerprint(absolute))
        let other = Self.finding(root: ".", path: "compose.yaml", message: "`.env` sets `Y` in `compose.yaml`", subject: "dockerfile:Dockerfile")
        #expect(Baseline.fingerprint(inside) != Baseline.fingerprint(other))
    }

    @Test func onlyWholePathsLoseTheRoot() {
        let finding = Self.finding(root: "a", path: "a/compose.yaml", message: "")
        #expect(Baseline.projectRelative("mounts `data/a/x` and `a/b` and `a`", finding) == "mounts `data/a/x` and `b` and `.`")
    }
}
