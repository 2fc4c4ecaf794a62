import Foundation
import Testing

/// Inputs built to break the tool: each must end in a result or a one-line error (exit 2), never a crash
/// (a signal) or a hang. `make test` checks the outcome (a generous time limit only catches hangs); the time
/// and memory bounds stated per case, and the 50 MB file, are `make stress` (`HostileInputStressTests`), so
/// `make test` does not depend on how busy a shared machine is.
@Suite("Hostile inputs", .timeLimit(.minutes(2)))
struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: Data]
        var arguments: [String] = []
        var status: Int32
        var error: String?
        var seconds: Double
        var testDescription: String { name }
    }

    static func text(_ string: String) -> Data { Data(string.utf8) }

    /// 50 MB: one service and a long block scalar (libyaml reads it at its own speed; nothing may be quadratic).
    static let fiftyMegabytes: Data = {
        let line = "  " + String(repeating: "lorem ipsum dolor sit amet ", count: 3) + "\n"
        var text = "services:\n  a:\n    image: nginx:1.27\n    user: \"1000\"\nx-notes: |\n"
        text += String(repeating: line, count: 50_000_000 / line.utf8.count)
        return Data(text.utf8)
    }()

    static let fiftyMegabyteCase = Case(name: "a 50 MB compose file (bound: 60 s in a debug build, 1 GiB peak)",
                                        files: ["compose.yaml": fiftyMegabytes], status: 1, seconds: 60)

    static let cases: [Case] = [
        Case(name: "a 10 MB line", files: ["compose.yaml": text("services:\n  a:\n    image: nginx:1.27\n    labels:\n      x: " + String(repeating: "y", count: 10_000_000) + "\n")],
             status: 1, seconds: 10),
        Case(name: "a NUL byte", files: ["compose.yaml": Data([0x73, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65, 0x73, 0x3A, 0x20, 0x00, 0x0A])],
             status: 2, error: "control characters", seconds: 2),
        Case(name: "invalid UTF-8", files: ["compose.yaml": Data("services:\n  a:\n    image: ".utf8) + Data([0xFF, 0xFE, 0x0A])],
             status: 2, error: "compose.yaml:3:12: error: invalid UTF-8", seconds: 2),
        Case(name: "UTF-16 with BOM", files: ["compose.yaml": "services:\n  a:\n    image: nginx\n".data(using: .utf16)!],
             status: 2, error: "UTF-16", seconds: 2),
        Case(name: "20,000 nested flow sequences", files: ["compose.yaml": text("x: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n")],
             status: 2, error: "nesting deeper than 10000 levels", seconds: 5),
        Case(name: "a depth limit from the command line",
             files: ["compose.yaml": text("x:\n" + (1...100).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined() + "services: {}\n")],
             arguments: ["--max-depth", "50"], status: 2, error: "nesting deeper than 50 levels", seconds: 2),
        Case(name: "a file over the size limit", files: ["compose.yaml": text("# " + String(repeating: "x", count: 2 << 20) + "\nservices: {}\n")],
             arguments: ["--max-file-size", "1"], status: 2, error: "over the limit", seconds: 2),
        Case(name: "an alias bomb under a lower expansion limit",
             files: ["compose.yaml": text("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nservices: {}\n")],
             arguments: ["--max-alias-expansion", "100"], status: 2, error: "excessive aliasing", seconds: 2),
        Case(name: "100,000 continuation lines", files: [
            "compose.yaml": text("services:\n  a:\n    build: .\n"),
            "Dockerfile": text("FROM alpine:3.20\nRUN echo \\\n" + String(repeating: "  a \\\n", count: 100_000) + "  b\nUSER nobody\n"),
            ".dockerignore": text(".git\n"),
        ], status: 0, seconds: 10),
        Case(name: "a heredoc never closed", files: ["compose.yaml": text("services:\n  a:\n    build: .\n"),
                                                   "Dockerfile": text("FROM alpine:3.20\nRUN <<EOF\necho\n")],
             status: 2, error: "Dockerfile:2:1: error: unterminated heredoc", seconds: 2),
        Case(name: "pathological .dockerignore patterns", files: [
            "compose.yaml": text("services:\n  a:\n    build: .\n"),
            "Dockerfile": text("FROM alpine:3.20\nUSER nobody\n"),
            ".dockerignore": text(String(repeating: "**/**/**/**/**/*a*a*a*a*a*a*a*a*b\n", count: 50)),
        ].merging((0..<200).map { ("d\($0)/" + String(repeating: "a", count: 60) + ".txt", text("x")) }) { first, _ in first },
             status: 1, seconds: 10),
    ]

    /// Runs one case in a fresh folder and checks its outcome (status, the one-line error).
    static func run(_ testCase: Case) throws -> RunResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, data) in testCase.files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let result = try runTool(["check", "."] + testCase.arguments + (testCase.status == 2 ? [] : ["--fail-on", "high"]), in: folder.path)
        #expect(result.status == testCase.status || (testCase.status == 1 && result.status == 0), "\(result.stderr)")
        if let error = testCase.error {
            #expect(result.stderr.contains(error), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        return result
    }

    @Test(arguments: cases)
    func hostileInputEndsCleanly(_ testCase: Case) throws {
        _ = try Self.run(testCase)
    }

    @Test func symlinkLoopsAndLinksOutOfTheContextAreNotFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "services:\n  a:\n    build: .\n".write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "FROM alpine:3.20\nUSER nobody\n".write(to: folder.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("root").path, withDestinationPath: "/")
        let result = try runTool(["check", ".", "--fail-on", "never", "--format", "markdown"], in: folder.path)
        #expect(result.status == 0)
    }

    @Test func aFIFOInPlaceOfTheComposeFileDoesNotHang() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-fifo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("compose.yaml").path, 0o644) == 0)
        let result = try runTool(["check", "."], in: folder.path)
        #expect(result.status == 2)
        let named = try runTool(["check", "-f", "compose.yaml"], in: folder.path)
        #expect(named.status == 2 && named.stderr.contains("not a regular file"), "\(named.stderr)")
    }
}

/// `make stress`: every hostile input plus a 50 MB file, each within its stated time (scaled by CA_TIME_SCALE) and
/// all under 1 GiB of peak memory. Timing depends on the machine, so `make test` leaves these out.
@Suite("Hostile inputs under time and memory bounds", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["COMPOSE_AUDIT_STRESS"] != nil, "make stress sets COMPOSE_AUDIT_STRESS"))
struct HostileInputStressTests {
    @Test(arguments: HostileInputTests.cases + [HostileInputTests.fiftyMegabyteCase])
    func hostileInputStaysWithinItsBounds(_ testCase: HostileInputTests.Case) throws {
        let result = try HostileInputTests.run(testCase)
        #expect(result.seconds < testCase.seconds * Paths.timeScale, "took \(result.seconds) s")
        // The largest child this test process has run so far: every case stays under the memory bound.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 1 << 20, "peak \(usage.ru_maxrss) KiB")
    }
}
