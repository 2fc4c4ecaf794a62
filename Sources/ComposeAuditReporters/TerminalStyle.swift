import ComposeAuditCore

/// ANSI styling for terminals; `.plain` when output is piped or `NO_COLOR` is set.
public struct TerminalStyle: Sendable {
    public var isEnabled: Bool

    public init(isEnabled: Bool) { self.isEnabled = isEnabled }

    public static let plain = TerminalStyle(isEnabled: false)
    public static let color = TerminalStyle(isEnabled: true)

    func apply(_ code: String, _ text: String) -> String { isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: apply("1;31", text)
        case .high: apply("31", text)
        case .medium: apply("33", text)
        case .low: apply("36", text)
        case .info: apply("2", text)
        }
    }
}
