import ComposeAuditCore
@testable import ComposeAuditEngine
import ComposeAuditRules
import Foundation
import Testing

/// Stands in for ShellCheck: records the scripts each call sends and answers with comments placed by the test.
final class RecordingShellChecker: ShellScriptChecker, @unchecked Sendable {
    private let calls = Locked([[ShellScript]]())
    let answer: @Sendable (ShellScript) -> [ShellCheckComment]

    init(answer: @escaping @Sendable (ShellScript) -> [ShellCheckComment] = { _ in [] }) { self.answer = answer }

    var sent: [[ShellScript]] { calls.withLock { $0 } }

    func comments(on scripts: [ShellScript]) -> [[ShellCheckComment]]? {
        calls.withLock { $0.append(scripts) }
        return scripts.map(answer)
    }
}

/// CA423's plumbing without ShellCheck (the scripts sent, where comments land, once per Dockerfile), its examples
/// with the real program, and what happens without it.
@Suite("ShellCheck inside RUN")
struct ShellCheckTests {
    static func audit(_ files: [String: String], checker: (any ShellScriptChecker)?) throws -> [Finding] {
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.shellChecker = checker
        return Linter(rules: [ShellCheckInRunRule()]).audit(try loader.load(root: ".")).findings
    }

    static let compose = "services:\n  app:\n    build: .\n"

    @Test func theScriptKeepsTheDockerfilesLinesAndColumns() throws {
        let checker = RecordingShellChecker()
        let dockerfile = "FROM debian:12\n# shellcheck disable=SC2086\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && \\  \r\n"
            + "    # the packages\r\n\r\n    apt-get install -y $PKGS\nRUN [\"bash\", \"-c\", \"echo $HOME\"]\nRUN <<EOF\nset -e\nEOF\n"
            + "RUN <<EOF\n#!/bin/bash\n[[ -d /x ]]\nEOF\n"
        _ = try Self.audit(["compose.yaml": Self.compose, "Dockerfile": dockerfile], checker: checker)
        #expect(checker.sent.count == 1)
        #expect(checker.sent.first?.map(\.text) == [
            "# shellcheck shell=dash\n# shellcheck disable=SC2086\n"
                + String(repeating: " ", count: "RUN --mount=type=cache,target=/var/cache/apt ".count) + "apt-get update && \\\n"
                + String(repeating: " ", count: "    # the packages".count) + "\\\n\\\n    apt-get install -y $PKGS",
            "# shellcheck shell=bash\n                    echo $HOME",
            "# shellcheck shell=dash\nset -e\n",
            "# shellcheck shell=bash\n\n[[ -d /x ]]\n",
        ])
    }

    /// SC2046 on a substitution that prints one word at most (`$(nproc)`, a backquoted `if` that echoes a flag)
    /// is information: the split it warns of cannot happen. Other substitutions keep ShellCheck's level.
    @Test func aSplitOfOneWordIsInformation() throws {
        let substitutions = ["$(nproc || sysctl -n hw.ncpu || echo 1)", "`if [ \"$DEV\" != true ]; then echo --no-dev; fi`",
                             "$(dpkg --print-architecture)", "$(ls /tmp)", "$(uname -a)", "$(cat packages.txt)"]
        let checker = RecordingShellChecker { script in
            let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return substitutions.compactMap { substitution in
                guard let line = lines.firstIndex(where: { $0.contains(substitution) }),
                      let start = lines[line].range(of: substitution)?.lowerBound else { return nil }
                let column = lines[line].distance(from: lines[line].startIndex, to: start) + 1
                return ShellCheckComment(code: 2046, level: .warning, message: "Quote this to prevent word splitting.", line: line + 1,
                                         column: column, endLine: line + 1, endColumn: column + substitution.count)
            }
        }
        let dockerfile = "FROM alpine:3.20\n" + substitutions.map { "RUN echo \($0)\n" }.joined()
        let found = try Self.audit(["compose.yaml": Self.compose, "Dockerfile": dockerfile], checker: checker)
        #expect(found.map(\.severity) == [.info, .info, .info, .low, .low, .low], "\(found.map(\.message))")
    }

    @Test func commentsLandAtTheirPlaceInTheDockerfile() throws {
        // Script line 2 is the RUN's first line; line 1, the header, stands for the RUN keyword.
        let checker = RecordingShellChecker { _ in [
            ShellCheckComment(code: 2164, level: .warning, message: "Use 'cd ... || exit'.", line: 3, column: 5, endLine: 3, endColumn: 11),
            ShellCheckComment(code: 1000, level: .error, message: "Header.", line: 1, column: 1, endLine: 1, endColumn: 2),
        ] }
        let found = try Self.audit(["compose.yaml": Self.compose, "Dockerfile": "FROM alpine:3.20\nRUN echo é && \\\n\tcd /app/x; make\n"],
                                   checker: checker)
        #expect(found.map { "\($0.position) \($0.endPosition) \($0.severity) \($0.message)" } == [
            "2:1 2:4 medium SC1000: Header",
            "3:5 3:11 low SC2164: Use 'cd ... || exit'",
        ])
    }

    @Test func oneCallPerDockerfileAndNoneWithoutScripts() throws {
        let checker = RecordingShellChecker()
        let files = [
            "compose.yaml": "services:\n  a:\n    build: a\n  b:\n    build: b\n  c:\n    build: c\n  d:\n    build: a\n",
            "a/Dockerfile": "FROM alpine:3.20\nRUN true\nRUN false\n", "b/Dockerfile": "FROM alpine:3.20 AS x\nRUN true\nFROM x\nRUN true\n",
            "c/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
        ]
        _ = try Self.audit(files, checker: checker)
        #expect(checker.sent.map(\.count) == [2, 2])
    }

    @Test func withoutShellCheckTheRuleJudgesNothingAndSaysItWasAsked() throws {
        let missing = MissingShellCheck()
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": Self.compose, "Dockerfile": "FROM debian:12\nRUN cd /x\n"]))
        loader.shellChecker = missing
        let report = Linter(rules: [ShellCheckInRunRule()]).audit(try loader.load(root: "."))
        #expect(report.findings.isEmpty)
        #expect(report.score.categories[.build] == nil, "no subject was judged")
        #expect(missing.wasAsked)
    }

    /// Info findings are reported but weigh nothing: they must not count the Dockerfile as a judged subject, or
    /// finding them would raise the score. A warning counts it, failing.
    @Test func infoFindingsAreReportedWithoutRaisingTheScore() throws {
        func audit(_ level: ShellCheckComment.Level) throws -> AuditReport {
            let checker = RecordingShellChecker { _ in [
                ShellCheckComment(code: 2086, level: level, message: "m.", line: 2, column: 10, endLine: 2, endColumn: 14),
            ] }
            var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": Self.compose, "Dockerfile": "FROM debian:12\nRUN echo $A\n"]))
            loader.shellChecker = checker
            return Linter(rules: [ShellCheckInRunRule()]).audit(try loader.load(root: "."))
        }
        let info = try audit(.info)
        #expect(info.findings.map(\.severity) == [.info])
        #expect(info.score.categories[.build] == nil, "an info finding counted no subject")
        let warning = try audit(.warning)
        #expect(warning.findings.map(\.severity) == [.low])
        #expect(warning.score.categories[.build] == 0)
    }

    /// ShellCheck's codes are named like rules: ignored, selected alone, or suppressed by a comment.
    @Test(arguments: [
        ("", ["SC2086", "SC2164"]),
        ("ignore: [SC2086]\n", ["SC2164"]),
        ("ignore: [sc2086, SC2164]\n", []),
        ("select: [SC2164]\n", ["SC2164"]),
        ("select: [build, SC2164]\n", ["SC2086", "SC2164"]),
        ("per-file-ignores:\n  Dockerfile: [SC2164]\n", ["SC2086"]),
    ])
    func codesAreNamedLikeRules(configuration: String, expected: [String]) throws {
        let checker = RecordingShellChecker { _ in [
            ShellCheckComment(code: 2086, level: .info, message: "Quote.", line: 2, column: 13, endLine: 2, endColumn: 15),
            ShellCheckComment(code: 2164, level: .warning, message: "cd.", line: 2, column: 5, endLine: 2, endColumn: 10),
        ] }
        var files = ["compose.yaml": Self.compose, "Dockerfile": "FROM debian:12\nRUN cd /x; echo $A\n"]
        if !configuration.isEmpty { files[".compose-audit.yml"] = configuration }
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: files))
        loader.knownRules = BuiltinRules.documented
        loader.shellChecker = checker
        let found = Linter(rules: [ShellCheckInRunRule()]).audit(try loader.load(root: ".")).findings
        #expect(found.compactMap(\.code).sorted() == expected, "\(configuration)")
        #expect(found.allSatisfy { $0.ruleID == "CA423" })
    }

    @Test func aSuppressionCommentNamesACode() throws {
        let checker = RecordingShellChecker { _ in [
            ShellCheckComment(code: 2086, level: .info, message: "Quote.", line: 2, column: 13, endLine: 2, endColumn: 15),
            ShellCheckComment(code: 2164, level: .warning, message: "cd.", line: 2, column: 5, endLine: 2, endColumn: 10),
        ] }
        let dockerfile = "FROM debian:12\n# compose-audit: disable=SC2086 -- word splitting wanted\nRUN cd /x; echo $A\n"
        var loader = ProjectLoader(fileSystem: InMemoryFileSystem(files: ["compose.yaml": Self.compose, "Dockerfile": dockerfile]))
        loader.shellChecker = checker
        let found = Linter(rules: [ShellCheckInRunRule()]).audit(try loader.load(root: ".")).findings
        #expect(found.map { "\($0.ruleID) \($0.code ?? "-")" } == ["CA423 SC2164"], "no CA001 or CA002 either")
    }

    @Test func aMisspeltCodeIsAnUnknownRule() {
        #expect(RuleReference("SC2086").problem(among: BuiltinRules.documented) == nil)
        #expect(RuleReference("SC208").problem(among: BuiltinRules.documented) != nil)
    }

    @Test func shellChecksOutputIsGroupedByScript() throws {
        let json = """
            {"comments":[{"file":"1.sh","line":2,"endLine":2,"column":3,"endColumn":9,"level":"warning","code":2164,"message":"m1","fix":null},
            {"file":"0.sh","line":3,"endLine":3,"column":1,"endColumn":4,"level":"style","code":2006,"message":"m2","fix":null},
            {"file":"0.sh","line":2,"endLine":2,"column":7,"endColumn":9,"level":"info","code":2086,"message":"m3","fix":null},
            {"file":"other.sh","line":1,"endLine":1,"column":1,"endColumn":2,"level":"error","code":1,"message":"m4","fix":null}]}
            """
        let grouped = try #require(ShellCheckProgram.parse(Data(json.utf8), names: ["0.sh", "1.sh", "2.sh"]))
        #expect(grouped.map { $0.map(\.codeName) } == [["SC2086", "SC2006"], ["SC2164"], []])
        #expect(ShellCheckProgram.parse(Data("not json".utf8), names: ["0.sh"]) == nil)
    }

    /// CI installs ShellCheck and sets CA_REQUIRE_SHELLCHECK=1, so CA423's examples cannot be left out there unseen.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CA_REQUIRE_SHELLCHECK"] == "1", "CA_REQUIRE_SHELLCHECK is not set"))
    func shellCheckIsOnPathWhereRequired() {
        #expect(shellCheckOnPath != nil, "CA423's examples need shellcheck on PATH")
    }

    @Test(.enabled(if: shellCheckOnPath != nil, "shellcheck is not on PATH: CA423's examples are not run"))
    func theExamplesRunWithTheRealProgram() {
        #expect(allExampleCases.contains { $0.rule.description.id == "CA423" && $0.triggers })
    }
}
