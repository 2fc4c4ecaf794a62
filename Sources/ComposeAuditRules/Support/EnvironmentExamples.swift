import ComposeAuditCore
import ComposeAuditEngine

/// Example env files a project commits to document what `.env` and its env files hold (`.env.example`,
/// `example.env`, `app.env.sample`, ...): a missing file or variable they document is a setup step, not a defect.
enum EnvironmentExamples {
    /// The committed example of the env file at `path` (relative to the root), if there is one.
    static func example(of path: String, in project: Project) -> String? {
        let candidates = PathName.lastComponent(of: path) == ".env" && PathName.directory(of: path) == PathName.normalize(project.composeDirectory)
            ? HostFiles.environmentExamples.map { PathName.join(project.composeDirectory, $0) }
            : HostFiles.exampleSuffixes.map { path + $0 }
        return candidates.first { project.host.contents(of: $0) != nil }
    }

    /// The example file beside the compose file that lists `name` (`NAME=` or `NAME=value`), if any.
    static func documenting(_ name: String, in project: Project) -> String? {
        HostFiles.environmentExamples.map { PathName.join(project.composeDirectory, $0) }.first { path in
            project.host.contents(of: path).map { LineFile.assigns($0, name) || LineFile.assigns($0, "export " + name) } ?? false
        }
    }
}
