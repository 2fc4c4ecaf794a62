/// A script as ShellCheck reads it: what a Dockerfile `RUN` gives its shell, its first line naming the dialect
/// (`# shellcheck shell=dash`).
public struct ShellScript: Sendable, Hashable {
    public var text: String

    public init(text: String) { self.text = text }
}

/// One comment ShellCheck makes about a script: 1-based lines and columns of the script's text (columns count
/// characters, a tab as one).
public struct ShellCheckComment: Sendable, Hashable {
    /// ShellCheck's levels, most serious first.
    public enum Level: String, Sendable, Hashable {
        case error, warning, info, style
    }

    public var code: Int
    public var level: Level
    public var message: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    public init(code: Int, level: Level, message: String, line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.code = code
        self.level = level
        self.message = message
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// `SC2086`.
    public var codeName: String { "SC\(code)" }
}

/// Something that runs ShellCheck over scripts: the comments for each script in order, or nil when it cannot
/// (ShellCheck is not installed, or failed). Rules stay pure functions of the project: the command line hands
/// the loader a checker, and a rule asks it once per Dockerfile.
public protocol ShellScriptChecker: Sendable {
    func comments(on scripts: [ShellScript]) -> [[ShellCheckComment]]?
}
