import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

extension Project {
    /// Whether the habit rules (limits, log rotation, healthchecks, restart policies, no-new-privileges, health
    /// conditions) leave the service alone: a service a fragment only adjusts (its main file sets it up), or any
    /// service of a development stack.
    func leavesHabitsAlone(_ service: Service) -> Bool {
        FragmentNote.isPartial(service, in: self) || developmentStackEvidence != nil
    }

    /// Why the project is a stack for developing the code rather than for running it: its folder is a dev container
    /// or a development environment (`.devcontainer`, `devcontainer-example`, `devenv`, `dev-env`), or its compose
    /// file is named for development (`docker-compose.dev.yml`, `compose.devcontainer.yaml`). Only the folder's own
    /// name and the file's are read, never the folders above the project.
    public var developmentStackEvidence: String? {
        memo.value("developmentStackEvidence") {
            let folder = PathName.lastComponent(of: PathName.normalize(root))
            if PathName.words(of: folder).contains(where: Self.developmentWords.contains) { return "its folder `\(folder)`" }
            for file in composeFiles.map({ PathName.lastComponent(of: $0.source.path) })
            where PathName.words(of: file).contains(where: Self.developmentWords.contains) {
                return "its file name `\(file)`"
            }
            return nil
        }
    }

    /// Words of a folder's or compose file's name that mark a development stack.
    static let developmentWords: Set<String> = ["devcontainer", "devenv", "dev", "development"]
}
