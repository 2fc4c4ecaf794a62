import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// Where a stateful service keeps its data, honouring the user's overrides (`PGDATA`, `--dir`, `server /path`).
struct DataDirectoryResolver {
    let project: Project

    /// The stateful image entry and the data directories of a service, or nil when it runs no known server.
    func dataDirectories(of service: Service) -> (image: ImageFamily, directories: [String])? {
        guard let image = project.knownImage(of: service), image.isStateful else { return nil }
        var directories = image.dataDirectories
        if let variable = image.dataDirectoryVariable, let value = service.environmentValue(variable)?.value?.value,
           value.hasPrefix("/") {
            directories = [value]
        }
        let words = project.invocations(of: service).flatMap(\.simpleCommands).flatMap { $0 }
        if let flag = image.dataDirectoryFlag, let value = Self.flagValue(flag, in: words), value.hasPrefix("/") {
            directories = [value]
        }
        if let subcommand = image.dataDirectoryArgumentOf, let server = words.firstIndex(of: subcommand),
           let path = words[(server + 1)...].first(where: { $0.hasPrefix("/") }) {
            directories = [path]
        }
        return (image, directories.map(PathName.normalize))
    }

    /// `--dir /x`, `--dir=/x`, `-D /x` in a word list.
    static func flagValue(_ flag: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == flag, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(flag + "=") { return String(word.dropFirst(flag.count + 1)) }
        }
        return nil
    }
}

extension VolumeMount {
    /// Whether this mount holds `directory` (its target is the directory or one of its parents).
    func covers(_ directory: String) -> Bool {
        PathName.isSameOrInside(directory, PathName.normalize(target))
    }
}
