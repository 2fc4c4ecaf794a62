import ComposeAuditCore
@testable import ComposeAuditSyntax
import Testing

@Suite("Interpolation and .env")
struct InterpolationAndEnvTests {
    let scope = VariableScope(environment: ["B": "bee"])

    @Test func everyValidFormResolvesAsCompose() throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource("compose/c25-interpolation-valid.yml"))
        let model = try ComposeLoader.load(tree, scope: scope)
        let web = try #require(model.service(named: "web"))
        #expect(web.image?.value == "nginx:1.27")
        var values: [String: String] = [:]
        for variable in web.environment { values[variable.name] = variable.value?.value }
        #expect(values["ESCAPED"] == "$HOME and ${NOT_A_VAR}")
        #expect(values["DEFAULT_UNSET_OR_EMPTY"] == "fallback")
        #expect(values["DEFAULT_UNSET_ONLY"] == "fallback")
        #expect(values["ALTERNATE"] == "alt")
        #expect(values["NESTED"] == "bee")
        #expect(values["BARE"] == "bee/bin")
        #expect(values["LOWERCASE_NAME"] == "lc")
        #expect(values["DOLLAR_DIGIT"] == "cost $5")
        #expect(values["DOLLAR_AT_END"] == "trailing $")
        #expect(values["DOLLAR_SPACE"] == "a $ b")
        #expect(values["REQUIRED_SET"] == "bee")
        #expect(web.command?.parts.last?.value == "echo ${PATH}")
    }

    @Test func emptyVersusUnsetDefaults() throws {
        let empty = VariableScope(environment: ["A": ""])
        #expect(try Interpolation.interpolate("${A:-d}", in: empty).value == "d")
        #expect(try Interpolation.interpolate("${A-d}", in: empty).value == "")
        #expect(try Interpolation.interpolate("${A+alt}", in: empty).value == "alt")
        #expect(try Interpolation.interpolate("${A:+alt}", in: empty).value == "")
        let unresolved = try Interpolation.interpolate("${MISSING}/${OTHER:-x}", in: .empty)
        #expect(unresolved.references.filter(\.isUnresolved).map(\.name) == ["MISSING"])
    }

    @Test(arguments: ["busybox:${}", "busybox:${TAG", "busybox:${1TAG}", "busybox:${TAG:}", "busybox:${TAG!}"])
    func invalidTemplatesAreErrors(_ text: String) {
        #expect(throws: InterpolationError.self) { try Interpolation.interpolate(text, in: .empty) }
    }

    @Test func invalidTemplateInComposePointsAtItsValue() throws {
        let tree = try YAMLParser.parse(TestPaths.edgeSource("compose/c26-interpolation-invalid.yml"))
        let error = #expect(throws: InputError.self) { try ComposeLoader.load(tree, scope: .empty) }
        #expect(error?.position.line == 4)
    }

    @Test func dotEnvFormsMatchCompose() throws {
        let file = try DotEnvFile.parse(TestPaths.edgeSource("env/e01-forms.env"), environment: ["B": "bee"])
        let values = file.values
        #expect(values["PLAIN"] == "value")
        #expect(values["SPACED"] == "spaced value")
        #expect(values["EXPORTED"] == "yes")
        #expect(values["INLINE"] == "value")
        #expect(values["HASH_NO_SPACE"] == "value#kept")
        #expect(values["DQ"] == "double \"quoted\" with\nnewline escape")
        #expect(values["SQ"] == "single $B not expanded \\n stays")
        #expect(values["INTERP"] == "bee-suffix")
        #expect(values["INTERP_DEFAULT"] == "dflt")
        #expect(values["ESCAPED_DOLLAR_UNQUOTED"] == "\\bee")
        #expect(values["ESCAPED_DOLLAR_DQ"] == "$B")
        #expect(values["DOUBLE_DOLLAR"] == "$B")
        #expect(values["MULTI"] == "line one\nline two")
        #expect(values["EMPTY"] == "")
        #expect(values["EMPTY_DQ"] == "")
        #expect(values["YAML_STYLE"] == "colon-separated")
        #expect(values["DOTTED.KEY-NAME"] == "ok")
        #expect(values["INHERITED"] == nil)
        #expect(values["DUP"] == "second")
    }

    @Test(arguments: [("e02-key-with-space.env", 3, 1), ("e03-unterminated-quote.env", 3, 5), ("e04-bad-char.env", 3, 4)])
    func badEnvFilesReportTheirPosition(_ file: String, _ line: Int, _ column: Int) throws {
        let error = #expect(throws: InputError.self) { try DotEnvFile.parse(TestPaths.edgeSource("env/" + file)) }
        #expect(error?.position == LineColumn(line: line, column: column), "\(error?.description ?? "")")
    }

    @Test func bomAndCRLFDoNotLeakIntoKeys() throws {
        let values = try DotEnvFile.parse(TestPaths.edgeSource("env/e05-crlf-bom.env")).values
        #expect(values["A"] == "1")
        #expect(values["B"] == "two")
    }
}

@Suite("Path names")
struct PathNameTests {
    /// The slow path of `normalize`, written out: the fast path must agree with it on every short path.
    static func reference(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    @Test func normalizeAgreesWithItsDefinitionOnEveryShortPath() {
        var paths = [""]
        for _ in 0..<6 { paths = paths + paths.flatMap { prefix in ["a", ".", "/", "b"].map { prefix + $0 } } }
        for path in Set(paths) { #expect(PathName.normalize(path) == Self.reference(path), "\(path)") }
        #expect(PathName.relative("sub/data", to: "sub") == "data" && PathName.relative("common/x", to: "app") == "../common/x")
        // Both above the working folder: the shared `..` is a common prefix like any other.
        #expect(PathName.relative("../shop", to: "../shop") == "." && PathName.relative("../shop/config", to: "../shop") == "config")
        #expect(PathName.relative("../common/x", to: "../app") == "../common/x")
    }
}
