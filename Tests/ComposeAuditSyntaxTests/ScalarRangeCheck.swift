import ComposeAuditCore
@testable import ComposeAuditSyntax
import Foundation
import Testing

/// Slices every scalar of a set of YAML files back to its written text (shared by the bundled and corpus tests).
enum ScalarRangeCheck {
    /// Every scalar's range slices back to the text written in the file: plain scalars exactly, quoted ones
    /// after unescaping, block scalars by their content lines (multi-line flow scalars fold, so only their
    /// first and last words are compared).
    static func run(files: [String]) throws -> (checked: Int, scalars: Int) {
        var checked = 0
        var scalars = 0
        for path in files {
            let source = try TestPaths.source(path)
            guard let tree = try? YAMLParser.parse(source) else { continue }
            for index in 0..<tree.nodeCount {
                let node = YAMLNode(Int32(index))
                guard tree.kind(node) == .scalar, let value = tree.string(node) else { continue }
                scalars += 1
                let written = tree.source.text(in: tree.range(node))
                let place = "\(path) \(tree.position(node))"
                if written.contains("\n") {
                    // Folded or block text: every word of the value appears in the written range, in order.
                    var rest = Substring(written)
                    for word in value.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) where !word.contains("\\") {
                        guard let found = rest.range(of: word) else { Issue.record("\(place): `\(word)` not in its range"); break }
                        rest = rest[found.upperBound...]
                    }
                    checked += 1
                    continue
                }
                switch tree.scalarStyle(node) {
                case .plain:
                    #expect(written == value, "\(place)")
                case .singleQuoted:
                    #expect(written.hasPrefix("'") && written.hasSuffix("'"), "\(place)")
                    #expect(String(written.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") == value, "\(place)")
                case .doubleQuoted:
                    #expect(YAMLParserTests.unescapedDoubleQuoted(String(written.dropFirst().dropLast())) == value, "\(place)")
                default:
                    continue
                }
                checked += 1
            }
        }
        return (checked, scalars)
    }


    /// The YAML files bundled with the repository: the seed fixtures and the edge corpus.
    static func bundledComposeFiles() throws -> [String] {
        var files: [String] = []
        for folder in [TestPaths.packageRoot + "/Fixtures", TestPaths.edge + "/compose"] {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { throw CocoaError(.fileNoSuchFile) }
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") { files.append(folder + "/" + relative) }
            }
        }
        return files.sorted()
    }
}
