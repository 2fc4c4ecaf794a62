import ComposeAuditCore

/// One way a fix may change what the stack does: the written definition of the fix classes (docs/fix-safety.md).
/// A fix with none of these effects is *safe*; a fix with any of them is *unsafe*.
public enum FixEffect: String, Sendable, CaseIterable {
    /// Containers start, stop, restart, wait or are confined differently (restart policy, privileges, limits,
    /// read-only mounts, healthchecks, signals, start order).
    case changesHowContainersRun = "changes-how-containers-run"
    /// Data the service wrote before the fix is not where it looks after it (a new volume over an old one).
    case movesData = "moves-data"
    /// The built image holds other files, packages or programs (package-manager caches and labels aside).
    case changesImageContents = "changes-image-contents"
    /// Other clients reach a port, or a web server answers requests differently.
    case changesServedRequests = "changes-served-requests"
    /// The fix writes a name, number, variable or policy the project did not have (a volume name, 10m × 3, a tag).
    case inventsValue = "invents-value"
    /// The stack starts only after the user does something the consequence names (set a value, copy data).
    case needsFollowUp = "needs-follow-up"

    /// The definition as the documentation states it.
    public var definition: String {
        switch self {
        case .changesHowContainersRun: "containers start, stop, restart, wait or are confined differently"
        case .movesData: "data written before the fix is not where the service looks after it"
        case .changesImageContents: "the built image holds other files, packages or programs (caches and labels aside)"
        case .changesServedRequests: "other clients reach a port, or a server answers requests differently"
        case .inventsValue: "it writes a name, number, variable or policy the project did not have"
        case .needsFollowUp: "the stack starts only after the user does what the consequence says"
        }
    }
}

/// What a rule's fix does beyond removing its finding: its effects (hence its class), the one-line consequence
/// shown with every fix, and the parts of Compose's normalized model (`docker compose config --format json`)
/// it may change, which the fix oracle checks against Docker Compose itself.
public struct FixSafety: Sendable {
    public var effects: [FixEffect]
    /// One line a reviewer reads before merging: what changes for whoever runs the stack.
    public var consequence: String
    /// Dotted paths into the normalized model, `*` for any one key (`services.*.logging`); empty when the fix
    /// changes only files Compose does not model (Dockerfiles, .dockerignore) or nothing Compose normalizes.
    public var modelParts: [String]

    public init(effects: [FixEffect] = [], consequence: String, modelParts: [String] = []) {
        self.effects = effects
        self.consequence = consequence
        self.modelParts = modelParts
    }

    /// Safe exactly when the fix has none of the effects.
    public var applicability: FixApplicability { effects.isEmpty ? .safe : .unsafe }

    public static func safe(_ consequence: String, modelParts: [String] = []) -> FixSafety {
        FixSafety(consequence: consequence, modelParts: modelParts)
    }

    public static func unsafe(_ effects: FixEffect..., consequence: String, modelParts: [String] = []) -> FixSafety {
        FixSafety(effects: effects, consequence: consequence, modelParts: modelParts)
    }
}
