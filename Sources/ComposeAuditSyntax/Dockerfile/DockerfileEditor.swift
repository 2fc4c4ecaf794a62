import ComposeAuditCore

/// Instruction-level edits on a Dockerfile that keep its escape character, indentation and line endings.
public struct DockerfileEditor {
    public let dockerfile: Dockerfile

    public init(dockerfile: Dockerfile) { self.dockerfile = dockerfile }

    public var newline: String { dockerfile.source.usesCRLF ? "\r\n" : "\n" }
    public var escape: String { String(Character(Unicode.Scalar(dockerfile.escapeCharacter))) }

    /// The leading whitespace of the line an instruction starts on (a byte order mark before the first line is
    /// not indentation).
    public func indentation(of instruction: Instruction) -> String {
        let source = dockerfile.source
        let start = source.textStart(ofLine: source.lineIndex(containing: instruction.range.start))
        return source.text(in: TextRange(start: min(start, instruction.range.start), end: instruction.range.start))
    }

    /// Lines joined with the escape character as a continuation (`RUN a \` / `    && b`).
    public func continued(_ lines: [String], indent: String = "    ") -> String {
        lines.enumerated().map { index, line in index == 0 ? line : indent + line }.joined(separator: " " + escape + newline)
    }

    /// Inserts whole instructions on their own lines before `instruction`, and before the comment
    /// lines right above it (they describe it).
    public func insert(_ lines: [String], before instruction: Instruction) -> TextEdit {
        let source = dockerfile.source
        var line = source.lineIndex(containing: instruction.range.start)
        while line > 0, source.lineText(line - 1).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { line -= 1 }
        let indent = indentation(of: instruction)
        return .insert(lines.map { indent + $0 + newline }.joined(), at: source.textStart(ofLine: line))
    }

    /// Inserts whole instructions on their own lines after `instruction`.
    public func insert(_ lines: [String], after instruction: Instruction) -> TextEdit {
        let indent = indentation(of: instruction)
        return .insert(lines.map { newline + indent + $0 }.joined(), at: instruction.range.end)
    }

    /// Replaces an instruction (all its lines) with new text.
    public func replace(_ instruction: Instruction, with text: String) -> TextEdit {
        TextEdit(range: instruction.range, replacement: text)
    }

    /// A JSON array of strings (exec form) with Docker's quoting.
    public static func execForm(_ words: [String]) -> String {
        "[" + words.map(TextFormatting.doubleQuoted).joined(separator: ", ") + "]"
    }
}
