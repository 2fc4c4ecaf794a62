import ComposeAuditCore
@testable import ComposeAuditSyntax
import Testing

@Suite(".dockerignore")
struct DockerIgnoreTests {
    func parse(_ file: String) throws -> DockerIgnore {
        try DockerIgnore.parse(TestPaths.edgeSource("dockerignore/" + file))
    }

    @Test func lastMatchWinsWithExceptions() throws {
        let ignore = try parse("i01-negation.dockerignore")
        #expect(ignore.patterns.map { ($0.isException ? "!" : "") + $0.pattern }
            == ["*", "!src", "!src/**", "src/**/testdata", "!src/keep/testdata/fixture.txt", "!README.md", "README.md", "!docs/keep.md"])
        #expect(!ignore.excludes("src/a.go"))
        #expect(ignore.excludes("src/x/testdata/y"))
        #expect(!ignore.excludes("src/keep/testdata/fixture.txt"))
        #expect(ignore.excludes("README.md"))
        #expect(!ignore.excludes("docs/keep.md"))
    }

    @Test func doubleStarMatchesAnyDepth() throws {
        let ignore = try parse("i02-doublestar.dockerignore")
        #expect(!ignore.excludes("x/important.log"))
        #expect(ignore.excludes("x/other.log"))
    }

    @Test func pathsAreCleaned() throws {
        let ignore = try parse("i03-leading-slash-dotslash.dockerignore")
        #expect(ignore.patterns.map(\.pattern) == ["node_modules", "dist", "tmp/cache", "../outside", "/", "."])
    }

    @Test func commentsOnlyInColumnOne() throws {
        let ignore = try parse("i04-comments-whitespace.dockerignore")
        #expect(ignore.patterns.count == 5)
        #expect(ignore.patterns[0].pattern.hasPrefix("# NOT a comment"))
        #expect(ignore.excludes("#literal-hash.txt"))
        #expect(ignore.patterns[4].pattern.hasPrefix("foo # no inline comments"))
    }

    @Test func crlfAndBOMAreStripped() throws {
        #expect(try parse("i05-crlf.dockerignore").patterns.map(\.pattern) == ["node_modules", "*.log", "keep.log"])
        #expect(try parse("i06-bom.dockerignore").patterns.map(\.pattern) == ["node_modules", "*.log"])
    }

    @Test func characterClassesFollowGo() throws {
        let ignore = try parse("i07-char-classes.dockerignore")
        #expect(ignore.patterns.allSatisfy { !$0.isException })
        #expect(ignore.excludes("!z.txt"))
        #expect(ignore.excludes("xz.txt"))  // `[!x]` is the class of `!` and `x` in Go, not a negation
        #expect(!ignore.excludes("az.txt"))
        #expect(ignore.excludes("file1.txt") && !ignore.excludes("file12.txt"))
        #expect(ignore.excludes("b-notes.md") && !ignore.excludes("d-notes.md"))
        #expect(ignore.excludes("ay.txt") && !ignore.excludes("xy.txt"))
        #expect(ignore.excludes("*.literal"))
        #expect(!ignore.excludes("a.literal"))
    }

    @Test(arguments: [("i08-bad-pattern.dockerignore", 2), ("i10-long-line.dockerignore", 2), ("i12-lone-bang.dockerignore", 3)])
    func badFilesReportTheirLine(_ file: String, _ line: Int) throws {
        let error = #expect(throws: InputError.self) { try parse(file) }
        #expect(error?.position.line == line)
    }

    @Test func emptyFileHasNoPatterns() throws {
        #expect(try parse("i09-empty.dockerignore").patterns.isEmpty)
    }

    @Test(arguments: [
        ("*.log", "a.log", true), ("*.log", "dir/a.log", false), ("**/*.log", "dir/sub/a.log", true),
        ("dir", "dir/sub/file", true), ("di?", "dix", true), ("[a-c]x", "bx", true), ("[^a-c]x", "bx", false),
        ("a/**/b", "a/b", true), ("a/**/b", "a/x/y/b", true), ("**", "anything/at/all", true), ("\\*x", "*x", true),
    ])
    func globVectors(_ pattern: String, _ path: String, _ excluded: Bool) throws {
        let ignore = try DockerIgnore.parse(SourceFile(path: ".dockerignore", text: pattern + "\n"))
        #expect(ignore.excludes(path) == excluded)
    }

    /// moby/patternmatcher semantics, one rule per vector: `*` and `?` stay inside a path segment, a
    /// matched folder excludes what is below it, `**` spans segments, leading `/` and `./` are cleaned,
    /// surrounding whitespace is trimmed, `!` re-includes and the last matching line wins.
    @Test(arguments: [
        ("*", "a/b", true), ("?", "ab", false), ("a?c", "a/c", false), ("a*c", "a/b/c", false), ("a*c", "abbc", true),
        ("dir/*", "dir/x/y", true), ("dir/*", "dir", false), ("a/**", "a/b/c", true), ("**/node_modules", "x/y/node_modules/z", true),
        ("docs/**/*.png", "docs/a/b/c.png", true), ("docs/**/*.png", "docs/c.png", true), ("**/*.go", "main.go", true),
        ("/build", "build/out.bin", true), ("./build", "build", true), ("build/", "build/x", true), ("  tmp  ", "tmp/x", true),
        ("[0-9]*.log", "7days.log", true), ("[0-9]*.log", "days.log", false), ("[^0-9]*.log", "days.log", true),
        ("*.md\n!README.md", "README.md", false), ("!README.md\n*.md", "README.md", true),
        ("docs\n!docs/keep.md", "docs/keep.md", false), ("docs\n!docs/keep.md", "docs/drop.md", true),
        ("a/../b", "b/x", true), ("x//y", "x/y", true), ("\\?", "?", true), ("\\?", "a", false),
    ])
    func patternMatcherSemantics(_ pattern: String, _ path: String, _ excluded: Bool) throws {
        let ignore = try DockerIgnore.parse(SourceFile(path: ".dockerignore", text: pattern + "\n"))
        #expect(ignore.excludes(path) == excluded)
    }

    @Test func contextWalkReportsKeptAndIgnoredBytes() throws {
        let fileSystem = InMemoryFileSystem(files: ["ctx/app.py": "print(1)", "ctx/node_modules/x/index.js": "12345",
                                                    "ctx/.dockerignore": "node_modules\n"])
        let ignore = try DockerIgnore.parse(SourceFile(path: "ctx/.dockerignore", text: "node_modules\n"))
        let context = ContextWalker(fileSystem: fileSystem).walk(context: "ctx", dockerIgnore: ignore)
        #expect(context.files.map(\.path) == [".dockerignore", "app.py", "node_modules/x/index.js"])
        #expect(context.totalBytes == 13 + 8 + 5)
        #expect(context.sentBytes == 13 + 8)
    }

    /// Nested `**` and many `*` used to backtrack exponentially; now polynomial (how fast: `SyntaxStressTests`).
    @Test func pathologicalPatternsMatchCorrectly() throws {
        let ignore = try DockerIgnore.parse(SourceFile(path: ".dockerignore", text: DockerIgnoreTests.pathologicalPattern))
        #expect(!ignore.excludes(DockerIgnoreTests.deepPath))
        #expect(ignore.excludes("x/y/aaaaaaaab"))
    }

    static let pathologicalPattern = "**/**/**/**/**/*a*a*a*a*a*a*a*a*b\n"
    static let deepPath = (0..<40).map { _ in String(repeating: "a", count: 60) }.joined(separator: "/")
}
