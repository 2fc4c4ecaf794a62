#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ComposeAuditCore
import ComposeAuditSyntax

/// `compose-audit dockerfile FILE`: how the Dockerfile parser reads a file, as JSON: each instruction
/// as BuildKit's parser reports it (keyword, flags, values, JSON form, lines, heredocs) and the stages.
public struct DockerfileModelReporter {
    public init() {}

    struct Document: Encodable {
        var file: String
        var directives: [String: String]
        var escape: String
        var instructions: [Item]
        var stages: [StageItem]
    }

    struct Item: Encodable {
        var keyword: String
        var subKeyword: String?
        var flags: [String]
        var values: [String]
        var json: Bool
        var startLine: Int
        var endLine: Int
        var heredocs: [HeredocItem]
    }

    struct HeredocItem: Encodable {
        var name: String
        var content: String
    }

    struct StageItem: Encodable {
        var name: String?
        var baseImage: String
        var line: Int
    }

    public func render(_ dockerfile: Dockerfile) -> String {
        let source = dockerfile.source
        let document = Document(
            file: dockerfile.path, directives: dockerfile.directives,
            escape: String(Character(Unicode.Scalar(dockerfile.escapeCharacter))),
            instructions: dockerfile.instructions.map { instruction in
                let view = instruction.buildKitView
                return Item(keyword: view.keyword, subKeyword: view.subKeyword, flags: view.flags, values: view.values,
                            json: view.isJSON, startLine: source.lineColumn(at: instruction.range.start).line,
                            endLine: source.lineColumn(at: max(instruction.range.start, instruction.range.end - 1)).line,
                            heredocs: instruction.heredocs.map { HeredocItem(name: $0.delimiter, content: $0.body) })
            },
            stages: dockerfile.stages.map {
                StageItem(name: $0.name, baseImage: $0.baseImage, line: source.lineColumn(at: $0.from.range.start).line)
            })
        return JSONText.encode(document)
    }
}
