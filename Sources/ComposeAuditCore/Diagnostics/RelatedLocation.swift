/// Another place a finding is about, with what it is: "service `app` mounts `./static` at `/app/static`".
public struct RelatedLocation: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
