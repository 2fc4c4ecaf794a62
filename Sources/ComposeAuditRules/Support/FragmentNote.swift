import ComposeAuditEngine
import ComposeAuditSyntax

/// What a finding about a file loaded on its own adds when that file reads as a fragment for `-f`: the finding
/// is true of the file alone (Compose refuses it), and says nothing of the file added to its main file.
enum FragmentNote {
    static let text = " when this file is loaded alone; if it is meant to be added to a main file (`-f main.yml -f this.yml`), check them together"

    /// Whether a reference the project does not define reads as one its main file defines: the project is a file
    /// with another name than Compose's defaults loaded alone (`--recursive` finds `overrides/compose.proxy.yaml`),
    /// and it defines nothing of that kind, or some service in it has neither `image:` nor `build:` (it adjusts
    /// a service defined elsewhere).
    static func isFragment(_ project: Project, definesAnyOfKind: Bool) -> Bool {
        guard project.isOtherFileLoadedAlone else { return false }
        return !definesAnyOfKind || project.services.contains { ServiceWithoutImageRule.lacksImage($0) }
    }

    /// A service a fragment only adjusts (no `image:` or `build:` here): what it lacks is set in the main file, so
    /// the habit rules do not judge it.
    static func isPartial(_ service: Service, in project: Project) -> Bool {
        project.isOtherFileLoadedAlone && ServiceWithoutImageRule.lacksImage(service)
    }
}
