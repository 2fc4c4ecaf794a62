import ComposeAuditEngine

/// A command substitution whose output is one word at most (`$(nproc)`, `$(dpkg --print-architecture)`, a backquoted
/// `if ...; then echo --no-dev; fi`): the word splitting ShellCheck's SC2046 warns of cannot change it.
enum OneWordSubstitution {
    /// The text a comment spans (1-based lines and columns, a tab as one column) in a script.
    static func text(of comment: ShellCheckComment, in script: ShellScript) -> String {
        let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard comment.line >= 1, comment.endLine >= comment.line, comment.endLine <= lines.count else { return "" }
        var parts: [String] = []
        for number in comment.line...comment.endLine {
            let line = Array(lines[number - 1])
            let start = number == comment.line ? max(0, comment.column - 1) : 0
            let end = number == comment.endLine ? min(line.count, max(start, comment.endColumn - 1)) : line.count
            parts.append(start < end ? String(line[start..<end]) : "")
        }
        return parts.joined(separator: "\n")
    }

    /// Whether the substitution (`$(...)` or backquotes) prints one word at most: each command it runs is one
    /// that prints a single word, a test, or `echo`/`printf` of one word.
    static func yieldsOneWord(_ substitution: String) -> Bool {
        var body = Substring(substitution)
        if body.hasPrefix("$("), body.hasSuffix(")") { body = body.dropFirst(2).dropLast() }
        else if body.hasPrefix("`"), body.hasSuffix("`"), body.count >= 2 { body = body.dropFirst().dropLast() }
        else { return false }
        guard !body.contains("$("), !body.contains("`") else { return false }
        var commands: [[Substring]] = [[]]
        for word in body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\\" }) {
            var word = word
            var ends = false
            if word.hasSuffix(";") { word = word.dropLast(); ends = true }
            if separators.contains(String(word)) { commands.append([]); continue }
            if !word.isEmpty { commands[commands.count - 1].append(word) }
            if ends { commands.append([]) }
        }
        let run = commands.filter { !$0.isEmpty }
        return !run.isEmpty && run.allSatisfy(printsOneWord)
    }

    private static func printsOneWord(_ command: [Substring]) -> Bool {
        guard let name = command.first.map(String.init) else { return true }
        let arguments = command.dropFirst().map(String.init)
        if tests.contains(name) || anyArguments.contains(name) { return true }
        if let allowed = oneWordFlags[name] { return !arguments.isEmpty && arguments.allSatisfy(allowed.contains) }
        if name == "echo" || name == "printf" { return arguments.filter { !["-n", "-e"].contains($0) }.count <= 1 }
        if name == "date" { return arguments.allSatisfy { $0.hasPrefix("+") } }
        return false
    }

    /// What separates commands, and the keywords of an `if` whose branches are the commands.
    static let separators: Set<String> = ["||", "&&", "|", ";", "if", "then", "else", "elif", "fi"]
    /// Commands that print nothing (tests).
    static let tests: Set<String> = ["[", "test", "true", "false", "[["]
    /// Commands that print one word whatever their arguments: a count, an architecture, a user, a path.
    static let anyArguments: Set<String> = ["nproc", "arch", "whoami", "pwd", "hostname", "getconf", "sysctl"]
    /// Commands that print one word with these flags only (`uname -m`, `id -u`, `dpkg --print-architecture`).
    static let oneWordFlags: [String: Set<String>] = [
        "uname": ["-m", "-r", "-s", "-p"], "id": ["-u", "-g", "-un", "-gn", "-nu", "-ng"],
        "dpkg": ["--print-architecture"], "sysctl": ["-n"],
    ]
}
