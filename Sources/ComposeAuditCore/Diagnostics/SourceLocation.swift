/// A place in one file: the file's display path and a byte range in it.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var path: String
    public var range: TextRange

    public init(path: String, range: TextRange) {
        self.path = path
        self.range = range
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.path != rhs.path ? lhs.path < rhs.path : lhs.range < rhs.range
    }
}

/// A value read from an input file together with where it was written.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
