import ComposeAuditCore

/// Facts several rules derive from the same project (which service talks to which, what each service
/// runs), computed once per project. A loaded project is not changed afterwards, so the answers stay true;
/// copies of a project share its memo.
public final class ProjectMemo: Sendable {
    /// A stored answer. Values are boxed in a class so that reading one back is a class cast (a pointer
    /// comparison), not a cast from `any Sendable`, which searches conformances and cost ~5,000 instructions.
    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let values = Locked<[String: AnyObject & Sendable]>([:])

    public init() {}

    /// The value stored under `key`, computed by `compute` the first time.
    public func value<Value: Sendable>(_ key: String, _ compute: () -> Value) -> Value {
        if let box = values.withLock({ $0[key] }) as? Box<Value> { return box.value }
        let value = compute()
        values.withLock { $0[key] = Box(value) }
        return value
    }
}
