import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// The script a `RUN` gives its shell, laid out so that ShellCheck's lines and columns are the Dockerfile's: the
/// text as written in the file (its first line indented to the column it starts at), after a header that names
/// the dialect and repeats the `# shellcheck ...` directives written just above the `RUN`.
struct RunScript {
    var instruction: Instruction
    var dialect: ShellDialect
    var script: ShellScript
    /// The file's line (0-based) that the script's first line after the header is.
    var firstLine: Int
    var headerLines: Int

    /// The scripts of a stage's `RUN`s that a POSIX shell runs (shell form, `sh -c` in exec form, a heredoc run
    /// as a script).
    static func all(in stage: Stage, of dockerfile: Dockerfile) -> [RunScript] {
        let image = dockerfile.rootImage(of: stage)
        let shells = dockerfile.inheritedInstructions(of: stage).filter { $0.keyword == "SHELL" }
        return stage.instructions.compactMap { instruction in
            guard instruction.keyword == "RUN", instruction.escape == "\\",
                  let dialect = ShellDialect.of(instruction, shells: shells, image: image) else { return nil }
            return make(instruction, dialect: dialect, image: image, source: dockerfile.source)
        }
    }

    private static func make(_ instruction: Instruction, dialect: ShellDialect, image: String, source: SourceFile) -> RunScript? {
        var dialect = dialect
        let body: (text: String, start: Int)
        if let words = instruction.execForm {
            // `["sh", "-c", "script"]`: checked when the script is written without JSON escapes, on one line.
            guard words.count >= 3, words[1] == "-c",
                  let shell = ShellDialect.shell(words[0], image: image),
                  let range = instruction.argumentRanges.dropFirst(2).first, range.length >= 2 else { return nil }
            let inner = TextRange(start: range.start + 1, end: range.end - 1)
            guard source.text(in: inner) == words[2], !words[2].contains("\n") else { return nil }
            dialect = shell
            body = (words[2], inner.start)
        } else if instruction.heredocs.count == 1, let heredoc = instruction.heredocs.first,
                  isHeredocAlone(instruction.arguments) {
            // `RUN <<EOF`: the build runs the body as a script, with the interpreter its `#!` line names.
            if heredoc.body.hasPrefix("#!") {
                let program = heredoc.body.prefix { $0 != "\n" && $0 != "\r" }.dropFirst(2).split(separator: " ")
                let name = program.first.map(String.init) == "/usr/bin/env" ? program.dropFirst().first : program.first
                guard let name, let shell = ShellDialect.shell(String(name), image: image) else { return nil }
                dialect = shell
            }
            // The header names the shell; a `#!` below it would be SC1128 (shebang not on the first line).
            let text = heredoc.body.hasPrefix("#!") ? String(heredoc.body.drop { $0 != "\n" && $0 != "\r\n" }) : heredoc.body
            body = (text, heredoc.range.start)
        } else {
            body = (commandText(of: instruction, in: source), instruction.argumentsSourceStart)
        }
        let line = source.lineIndex(containing: body.start)
        let indent = String(repeating: " ", count: scalarCount(source.bytes[source.lineStarts[line]..<body.start]))
        let header = ["# shellcheck shell=\(dialect.shellCheckName)"] + directives(above: instruction, in: source)
        let text = header.joined(separator: "\n") + "\n" + indent + body.text.replacing("\r\n", with: "\n")
        return RunScript(instruction: instruction, dialect: dialect, script: ShellScript(text: text), firstLine: line,
                         headerLines: header.count)
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` with nothing else.
    private static func isHeredocAlone(_ arguments: String) -> Bool {
        var rest = Substring(arguments.trimmingSpaces)
        guard rest.hasPrefix("<<") else { return false }
        rest = rest.dropFirst(2)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "\"" || $0 == "'" }
    }

    /// The shell-form command as written, from its first word to the end of the instruction (heredoc bodies
    /// included). Lines the Dockerfile drops inside a continuation (comments, blank lines) become blank
    /// continuation lines, and blanks after a continuation's backslash are removed, so the shell reads the command
    /// the build runs while every other character keeps its line and column.
    private static func commandText(of instruction: Instruction, in source: SourceFile) -> String {
        let start = instruction.argumentsSourceStart
        let commandEnd = instruction.heredocs.first?.range.start ?? instruction.range.end
        var lines: [String] = []
        var lineStart = start
        var index = source.lineIndex(containing: start)
        while lineStart < commandEnd {
            let content = source.contentRange(ofLine: index)
            var text = source.text(in: TextRange(start: lineStart, end: min(content.end, commandEnd)))
            if text.hasSuffix("\r") { text.removeLast() }
            let trimmed = text.trimmingSpaces
            if lineStart > start && (trimmed.isEmpty || trimmed.hasPrefix("#")) {
                text = String(repeating: " ", count: text.unicodeScalars.count) + "\\"
            } else if trimmed.hasSuffix("\\") {
                while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            }
            lines.append(text)
            index += 1
            guard index < source.lineCount else { break }
            lineStart = source.lineStarts[index]
        }
        var text = lines.joined(separator: "\n")
        if commandEnd < instruction.range.end {
            text += "\n" + source.text(in: TextRange(start: commandEnd, end: instruction.range.end))
        }
        return text
    }

    /// `# shellcheck disable=SC2086` and other directives in the comment lines right above the instruction.
    private static func directives(above instruction: Instruction, in source: SourceFile) -> [String] {
        var found: [String] = []
        var line = source.lineIndex(containing: instruction.range.start) - 1
        while line >= 0 {
            let text = source.lineText(line).trimmingSpaces
            guard text.hasPrefix("#") else { break }
            let words = text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.first == "shellcheck", words.count > 1 { found.insert(String(text), at: 0) }
            line -= 1
        }
        return found
    }

    /// The file range of a place ShellCheck names in the script (a place in the header is the `RUN` keyword).
    func range(line: Int, column: Int, endLine: Int, endColumn: Int, in source: SourceFile) -> TextRange {
        guard line > headerLines else { return instruction.keywordRange }
        let start = Self.offset(line: firstLine + line - 1 - headerLines, column: column, in: source)
        let end = Self.offset(line: firstLine + endLine - 1 - headerLines, column: endColumn, in: source)
        return TextRange(start: start, end: max(start, min(end, instruction.range.end)))
    }

    /// The byte offset of a 1-based column counted in Unicode scalars, as ShellCheck counts.
    private static func offset(line: Int, column: Int, in source: SourceFile) -> Int {
        let line = min(line, source.lineCount - 1)
        let content = source.contentRange(ofLine: line)
        var offset = source.lineStarts[line]
        var scalars = 0
        while offset < content.end && scalars < column - 1 {
            offset += 1
            while offset < content.end && source.bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int { bytes.count { $0 & 0xC0 != 0x80 } }
}
