import Foundation
import Testing

/// The dependency direction the README's architecture section states, read from the sources themselves.
@Suite("Architecture")
struct ArchitectureTests {
    /// What each source target may import: package targets below it, and the system modules it needs.
    static let allowedImports: [String: Set<String>] = [
        "ComposeAuditCore": ["Glibc", "Darwin"],
        "ComposeAuditSyntax": ["ComposeAuditCore", "CYAML", "Glibc", "Darwin", "Dispatch"],
        "ComposeAuditEngine": ["ComposeAuditCore", "ComposeAuditSyntax", "Dispatch", "Foundation", "FoundationEssentials"],
        // Rules import no system module: they cannot reach a disk, a clock or a terminal.
        "ComposeAuditRules": ["ComposeAuditCore", "ComposeAuditSyntax", "ComposeAuditEngine"],
        "ComposeAuditReporters": ["ComposeAuditCore", "ComposeAuditSyntax", "ComposeAuditEngine", "Foundation", "FoundationEssentials"],
        "ComposeAuditLanguageServer": ["ComposeAuditCore", "ComposeAuditSyntax", "ComposeAuditEngine", "ComposeAuditRules",
                                       "ComposeAuditReporters", "Glibc", "Darwin"],
    ]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Each Swift file of a target with its text.
    static func files(of target: String) throws -> [(path: String, text: String)] {
        let folder = sources.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map { url in
            (url.path.replacingOccurrences(of: sources.path + "/", with: ""), try String(contentsOf: url, encoding: .utf8))
        }
    }

    static func imports(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
            guard words.count >= 2, words[0] == "import" else { return nil }
            return String(words[1])
        }
    }

    @Test("every target imports only what the direction allows", arguments: allowedImports.keys.sorted())
    func importsFollowTheDirection(target: String) throws {
        let files = try Self.files(of: target)
        #expect(!files.isEmpty, "no sources found for \(target)")
        let allowed = Self.allowedImports[target] ?? []
        for file in files {
            for module in Self.imports(in: file.text) {
                #expect(allowed.contains(module), "\(file.path) imports \(module), which \(target) may not depend on")
            }
        }
    }

    @Test("rules never reach a file system: the loader gathers what they ask")
    func rulesAreFreeOfFileSystems() throws {
        for file in try Self.files(of: "ComposeAuditRules") {
            for word in ["FileSystem", "fileSystem", "fopen", "opendir", "contentsOfFile"] {
                #expect(!file.text.contains(word), "\(file.path) mentions `\(word)`")
            }
        }
    }

    /// The engine walks the project for every rule (and counts what the score divides by): a rule states what it
    /// judges by adopting a shape, never by writing the walk itself.
    @Test("every rule adopts a shape and none writes `check`")
    func rulesAdoptShapes() throws {
        for file in try Self.files(of: "ComposeAuditRules") {
            #expect(!file.text.contains("func check("), "\(file.path) writes `check` itself; adopt a shape (ServiceRule, ProjectRule, ...)")
        }
    }

    @Test("the import reader sees plain and attributed imports")
    func importReader() {
        #expect(Self.imports(in: "import A\n@preconcurrency import B\n// import C\nlet importX = 1\n") == ["A", "B"])
    }
}
