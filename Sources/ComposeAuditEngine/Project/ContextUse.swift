import ComposeAuditCore
import ComposeAuditSyntax

/// A local build context with the services that build from it and the location of their `build:`.
public struct ContextUse: Sendable {
    public var context: BuildContext?
    /// The context folder, relative to the project root.
    public var path: String
    /// The services that build from it, in service order.
    public var services: [String]
    /// Where the first of them names it (`build:` or `build.context`).
    public var buildLocation: SourceLocation
    /// The Dockerfiles built from it, once each.
    public var dockerfiles: [Dockerfile]
}

extension Project {
    /// Each local, existing build context once, in service order.
    public func contextUses() -> [ContextUse] {
        var uses: [ContextUse] = []
        for service in services {
            guard let build = build(of: service.name), let path = build.contextPath, let spec = service.build,
                  host.state(of: path) == .directory else { continue }
            if let index = uses.firstIndex(where: { $0.path == path }) {
                uses[index].services.append(service.name)
                if let dockerfile = build.dockerfile, !uses[index].dockerfiles.contains(where: { $0.path == dockerfile.path }) {
                    uses[index].dockerfiles.append(dockerfile)
                }
            } else {
                uses.append(ContextUse(context: contexts[path], path: path, services: [service.name],
                                       buildLocation: spec.context.location, dockerfiles: build.dockerfile.map { [$0] } ?? []))
            }
        }
        return uses
    }
}
