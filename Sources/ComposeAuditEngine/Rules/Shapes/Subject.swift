/// What one finding is counted against for the score: the engine keys each rule's subjects with it, and
/// several findings of one subject count once. Its text (`description`) is the finding's `subject` in reports
/// and baselines, so the spelling of each case must not change.
public enum Subject: Hashable, Sendable, CustomStringConvertible {
    /// The project as a whole (a rule counted once per project).
    case project
    case service(String)
    /// A compose file, by its path.
    case composeFile(String)
    case dockerfile(String)
    case stage(dockerfile: String, index: Int)
    /// One Dockerfile instruction, by its keyword and byte offset (`run:Dockerfile:120`).
    case instruction(keyword: String, dockerfile: String, offset: Int)
    /// A build context folder, relative to the project root.
    case context(String)
    /// Something finer than a service (`bind`, `envfile`, `dependency`, ...) with its identifying key.
    case item(kind: String, key: String)

    public var description: String {
        switch self {
        case .project: "project"
        case .service(let name): "service:\(name)"
        case .composeFile(let path): "file:\(path)"
        case .dockerfile(let path): "dockerfile:\(path)"
        case .stage(let path, let index): "stage:\(path):\(index)"
        case .instruction(let keyword, let path, let offset): "\(keyword.lowercased()):\(path):\(offset)"
        case .context(let path): "context:\(path)"
        case .item(let kind, let key): "\(kind):\(key)"
        }
    }
}
