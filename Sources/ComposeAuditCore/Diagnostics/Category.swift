/// The five areas the audit scores separately.
public enum Category: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case persistence
    case security
    case operations
    case build
    case consistency

    public var title: String {
        switch self {
        case .persistence: "Persistence"
        case .security: "Security"
        case .operations: "Operations"
        case .build: "Build"
        case .consistency: "Consistency"
        }
    }

    private var order: Int { Category.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.order < rhs.order }
}
