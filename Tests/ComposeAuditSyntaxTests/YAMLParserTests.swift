import ComposeAuditCore
@testable import ComposeAuditSyntax
import Testing

@Suite("YAML layer")
struct YAMLParserTests {
    func parse(_ text: String) throws -> YAMLTree {
        try YAMLParser.parse(SourceFile(path: "t.yaml", text: text))
    }

    @Test func nodesKeepRangesStylesTagsAndAnchors() throws {
        let tree = try parse("a: &x 'quoted'\nb: !reset [1, 2]\nc: *x\nd: |\n  text\n")
        let root = try #require(tree.documents.first)
        let pairs = tree.rawPairs(root)
        #expect(pairs.count == 4)
        #expect(tree.scalarStyle(pairs[0].value) == .singleQuoted)
        #expect(tree.anchor(pairs[0].value) == "x")
        #expect(tree.source.text(in: tree.range(pairs[0].value)) == "'quoted'")
        #expect(tree.tag(pairs[1].value) == "!reset")
        #expect(tree.isFlow(pairs[1].value))
        #expect(tree.kind(pairs[2].value) == .alias)
        #expect(tree.string(pairs[2].value) == "quoted")
        #expect(tree.scalarStyle(pairs[3].value) == .literal)
        #expect(tree.string(pairs[3].value) == "text\n")
        #expect(tree.position(pairs[1].key) == LineColumn(line: 2, column: 1))
    }

    @Test func multibyteTextKeepsByteOffsetsAndCharacterColumns() throws {
        let tree = try parse("é: ü\nkey: värde\n")
        let root = try #require(tree.documents.first)
        let pairs = tree.rawPairs(root)
        #expect(tree.source.text(in: tree.range(pairs[1].value)) == "värde")
        #expect(tree.position(pairs[1].value) == LineColumn(line: 2, column: 6))
        #expect(tree.position(pairs[0].value) == LineColumn(line: 1, column: 4))
    }

    @Test func mergeKeysFollowComposePrecedence() throws {
        let source = try TestPaths.edgeSource("compose/c01-anchors-merge.yml")
        let tree = try YAMLParser.parse(source)
        let root = try #require(tree.documents.first)
        let services = try #require(tree.value(root, forKey: "services"))
        let api = try #require(tree.value(services, forKey: "api"))
        #expect(tree.value(api, forKey: "restart").flatMap(tree.string) == "unless-stopped")
        let environment = try #require(tree.value(api, forKey: "environment"))
        #expect(tree.value(environment, forKey: "LOG_LEVEL").flatMap(tree.string) == "debug")
        #expect(tree.value(environment, forKey: "TZ").flatMap(tree.string) == "UTC")
        let logging = try #require(tree.value(api, forKey: "logging"))
        #expect(tree.value(logging, forKey: "driver").flatMap(tree.string) == "json-file")
        let worker = try #require(tree.value(services, forKey: "worker"))
        #expect(tree.value(worker, forKey: "restart").flatMap(tree.string) == "no")
        let sidecar2 = try #require(tree.value(services, forKey: "sidecar2"))
        let labels = try #require(tree.value(sidecar2, forKey: "labels"))
        #expect(tree.value(labels, forKey: "com.example.role").flatMap(tree.string) == "sidecar")
    }

    /// Merged entries, small mappings (compared in place) and large ones (a set of names): written keys win,
    /// then the first merged mapping that has a key; `entry(forKey:)` agrees with `entries`.
    @Test(arguments: [3, 40]) func mergedEntriesKeepComposePrecedence(keyCount: Int) throws {
        let base = (0..<keyCount).map { "  k\($0): base\($0)" }.joined(separator: "\n")
        let other = (0..<keyCount).map { "  k\($0): other\($0)" }.joined(separator: "\n") + "\n  extra: other"
        let text = "a: &a\n\(base)\nb: &b\n\(other)\nm:\n  <<: [*a, *b]\n  k1: own\n  own: yes\n"
        let tree = try YAMLParser.parse(SourceFile(path: "m.yml", text: text))
        let root = try #require(tree.documents.first)
        let merged = try #require(tree.value(root, forKey: "m"))
        let entries = tree.entries(merged).map { (tree.string($0.key) ?? "?", tree.string($0.value) ?? "?") }
        #expect(entries.count == keyCount + 2)
        #expect(Set(entries.map(\.0)).count == entries.count, "no key twice")
        #expect(entries.first { $0.0 == "k1" }?.1 == "own")
        #expect(entries.first { $0.0 == "k0" }?.1 == "base0")
        #expect(entries.first { $0.0 == "extra" }?.1 == "other")
        for (key, value) in entries {
            #expect(tree.value(merged, forKey: key).flatMap(tree.string) == value, "\(key)")
        }
        #expect(tree.value(merged, forKey: "missing") == nil)
    }

    /// Expanded sizes count every node an alias stands for: `a` is 4 nodes, `b` 1 + 4 + 4, `c` 1 + 9 + 4 + 1,
    /// the root 1 + 3 keys + 4 + 9 + 15 = 32 (15 written). A limit of 32 passes, 31 stops at the root and
    /// 14 at `c` (no allowance per written node here: factor 0).
    @Test func aliasExpansionIsCountedExactly() throws {
        let text = "a: &a [1, 2, 3]\nb: &b [*a, *a]\nc: [*b, *a, x]\n"
        func parse(_ limit: Int) throws -> YAMLTree {
            try YAMLParser.parse(SourceFile(path: "a.yml", text: text),
                                 limits: YAMLLimits(maximumExpandedNodes: limit, aliasExpansionFactor: 0))
        }
        #expect(try parse(32).nodeCount == 15)
        let error = #expect(throws: InputError.self) { try parse(31) }
        #expect(error?.position == LineColumn(line: 1, column: 1))
        #expect(error?.reason.contains("more than 31 nodes") == true)
        let inner = #expect(throws: InputError.self) { try parse(14) }
        #expect(inner?.position == LineColumn(line: 3, column: 4), "c (15 nodes) is the first node over 14")
    }

    @Test func crlfAndByteOrderMarkParseLikePlainFiles() throws {
        let crlf = try YAMLParser.parse(TestPaths.edgeSource("compose/c07-crlf.yml"))
        let root = try #require(crlf.documents.first)
        #expect(crlf.value(root, forKey: "services") != nil)
        let bom = try YAMLParser.parse(TestPaths.edgeSource("compose/c08-bom.yml"))
        let bomRoot = try #require(bom.documents.first)
        #expect(bom.string(bom.rawPairs(bomRoot)[0].key) == "services")
        #expect(bom.position(bom.rawPairs(bomRoot)[0].key).column == 1)
    }

    @Test func redefinedAnchorsTakeTheLatestDefinition() throws {
        let tree = try parse("a: &x first\nb: &x second\nc: *x\n")
        let root = try #require(tree.documents.first)
        #expect(tree.value(root, forKey: "c").flatMap(tree.string) == "second")
    }

    @Test(arguments: [
        ("compose/c04-duplicate-keys.yml", 5, 5, "duplicate key `image`"),
        ("compose/c05-tab-indent.yml", 4, 1, "cannot start any token"),
        ("compose/c09-non-utf8.yml", 5, 24, "invalid UTF-8"),
        ("compose/c20-unclosed-quote.yml", 6, 1, "unexpected end of stream"),
        ("compose/c21-bad-indent.yml", 5, 4, "did not find expected key"),
        ("compose/c22-colon-in-plain-scalar.yml", 4, 20, "mapping values are not allowed"),
        ("compose/c23-unclosed-flow.yml", 5, 5, "did not find expected ',' or ']'"),
        ("compose/c24-undefined-alias.yml", 4, 9, "undefined alias"),
        ("compose/c29-merge-non-mapping.yml", 5, 5, "merge key"),
        ("compose/c38-nul-byte.yml", 4, 19, "control characters"),
        ("compose/c39-utf16le.yml", 1, 1, "UTF-16"),
        ("compose/c42-merge-key-twice.yml", 9, 5, "duplicate key `<<`"),
    ])
    func invalidYAMLReportsFileLineAndColumn(_ file: String, _ line: Int, _ column: Int, _ reason: String) throws {
        let source = try TestPaths.edgeSource(file)
        let error = #expect(throws: InputError.self) { try YAMLParser.parse(source) }
        #expect(error?.path == file)
        #expect(error?.position == LineColumn(line: line, column: column), "\(error?.description ?? "")")
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    /// Refused by counting, before anything is expanded (how fast: `SyntaxStressTests`).
    @Test func aliasBombIsRefusedWithoutExpanding() throws {
        let source = try TestPaths.edgeSource("compose/c13-alias-bomb.yml")
        let error = #expect(throws: InputError.self) { try YAMLParser.parse(source) }
        #expect(error?.reason.contains("excessive aliasing") == true)
    }

    @Test func wideAliasFanOutIsNotABomb() throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource("compose/c14-alias-fanout-ok.yml"))
        #expect(tree.documents.count == 1)
    }

    @Test func deepFlowNestingIsRefusedCleanly() throws {
        let source = try TestPaths.edgeSource("compose/c12-deep-nesting-flow.yml")
        let error = #expect(throws: InputError.self) { try YAMLParser.parse(source) }
        #expect(error?.reason.contains("nesting deeper") == true)
        #expect(throws: Never.self) { try YAMLParser.parse(TestPaths.edgeSource("compose/c11-deep-nesting-block.yml")) }
    }

    @Test(arguments: ["c02-flow-style.yml", "c06-tabs-legal.yml", "c10-long-line.yml", "c27-yaml11-vs-12-scalars.yml",
                      "c28-anchor-redefined.yml", "c30-compose-tags.yml", "c31-ports-volumes-syntax.yml", "c34-unicode.yml",
                      "c35-special-keys.yml", "c36-block-scalars.yml", "c37-directives-markers.yml",
                      "c40-comments-everywhere.yml", "c41-many-services.yml"])
    func awkwardButValidFilesParse(_ file: String) throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource("compose/" + file))
        #expect(!tree.documents.isEmpty)
    }

    @Test func blockScalarsKeepTheirValues() throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource("compose/c36-block-scalars.yml"))
        var values: [String: String] = [:]
        func walk(_ node: YAMLNode) {
            for (key, value) in tree.entries(node) {
                if let name = tree.string(key), let text = tree.string(value) { values[name] = text }
                walk(value)
            }
        }
        walk(try #require(tree.documents.first))
        #expect(values["literal"] == "line1\n# not a comment\n")
        #expect(values["literal_strip"] == "text")
        #expect(values["literal_keep"] == "text\n\n")
        #expect(values["folded"] == "a b\nc\n")
        #expect(values["folded_strip"] == "x y")
        #expect(values["indent_indicator"] == "  four-space line\ntwo-space line\n")
    }

    /// Every scalar's range slices back to the text written in the file, over the bundled compose files
    /// (the seed fixtures and the edge corpus); `make corpus-test` runs the same check over the real-world corpus.
    @Test func scalarRangesSliceBackToTheirText() throws {
        let files = try ScalarRangeCheck.bundledComposeFiles()
        #expect(files.count > 40)
        let (checked, scalars) = try ScalarRangeCheck.run(files: files)
        #expect(checked > 500)
        #expect(checked == scalars)
    }

    static func unescapedDoubleQuoted(_ text: String) -> String {
        var result = ""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            guard character == "\\", let next = characters.popFirst() else { result.append(character); continue }
            switch next {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0": result.append("\0")
            case "e": result.append("\u{1B}")
            case "x", "u", "U":
                let count = next == "x" ? 2 : next == "u" ? 4 : 8
                let hex = String(characters.prefix(count))
                characters = characters.dropFirst(count)
                if let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) { result.unicodeScalars.append(scalar) }
            default: result.append(next)
            }
        }
        return result
    }
}
