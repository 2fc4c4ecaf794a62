import ComposeAuditCore

extension Project {
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
    public static let developmentWords: Set<String> = ["devcontainer", "devenv", "dev", "development"]

    /// What a finding of a rule that judges shipped images (`RuleDescription.lowersInDevelopmentStacks`) says when
    /// the project is a development stack and no purpose is declared; nil otherwise.
    public var developmentStackNote: String? {
        guard configuration.purpose == nil, let evidence = developmentStackEvidence else { return nil }
        return " (information in a development stack, \(evidence); `purpose: deployment` in \(Configuration.fileName) asks it)"
    }
}
