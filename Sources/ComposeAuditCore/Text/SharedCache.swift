/// A bounded, thread-safe memo shared by every audit of a run (`check --recursive` audits on all cores):
/// answers that depend only on their key, such as what a known image is or whether a name is a secret.
public final class SharedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let storage = Locked<[Key: Value]>([:])
    private let limit: Int

    public init(limit: Int = 10_000) { self.limit = limit }

    /// The answer for `key`, computed by `compute` when absent (outside the lock). The cache never makes a
    /// thread wait: when another thread holds it, the answer is computed instead (on one core, a waiting
    /// thread costs a context switch, far more than the answer).
    public func value(for key: Key, _ compute: () -> Value) -> Value {
        if let known = storage.withLockIfAvailable({ $0[key] }), let known { return known }
        let value = compute()
        storage.withLockIfAvailable { storage in
            if storage.count >= limit { storage.removeAll(keepingCapacity: true) }
            storage[key] = value
        }
        return value
    }
}
