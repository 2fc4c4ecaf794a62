import ComposeAuditCore

/// Facts several rules derive from the same project (which service talks to which, what each service
/// runs), computed once per project. A loaded project is not changed afterwards, so the answers stay true;
/// copies of a project share its memo.
public final class ProjectMemo: Sendable {
    private let values = Locked<[String: any Sendable]>([:])

    public init() {}

    /// The value stored under `key`, computed by `compute` the first time.
    public func value<Value: Sendable>(_ key: String, _ compute: () -> Value) -> Value {
        // Unwrap the lookup before casting: a missing key cast to an optional `Value` would read as a stored nil.
        if let stored: any Sendable = values.withLock({ $0[key] }), let value = stored as? Value { return value }
        let value = compute()
        values.withLock { $0[key] = value }
        return value
    }
}
