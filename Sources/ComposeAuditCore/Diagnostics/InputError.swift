/// An input the tool cannot read: a file, a 1-based position and a one-line reason.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var position: LineColumn
    public var reason: String
    /// Further errors of the same file, reported together (every invalid template, not only the first).
    public var more: [InputError] = []

    public init(path: String, position: LineColumn, reason: String) {
        self.path = path
        self.position = position
        self.reason = reason
    }

    public init(file: SourceFile, offset: Int, reason: String) {
        self.init(path: file.path, position: file.lineColumn(at: offset), reason: reason)
    }

    public var description: String { "\(path):\(position.line):\(position.column): \(reason)" }

    /// This error and the ones reported with it, in file order.
    public var all: [InputError] {
        var first = self
        first.more = []
        return [first] + more
    }
}
