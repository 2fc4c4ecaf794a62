import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// Compose-aware edits: where a service is written, and how to add to it without editing through
/// an alias or a merge key (which would change other services).
struct ComposeEditing {
    let project: Project
    let tree: YAMLTree
    let editor: YAMLEditor

    /// The file that defines the service (the last one, for services merged from several files).
    init?(_ project: Project, service: Service) {
        guard let tree = project.composeFiles.last(where: { $0.source.path == service.location.path }) else { return nil }
        self.project = project
        self.tree = tree
        self.editor = YAMLEditor(tree: tree)
    }

    var path: String { tree.source.path }
    var root: YAMLNode? { tree.documents.first }

    /// The mapping of a service as written in this file; nil when it is an alias or not a block mapping.
    func mapping(of service: Service) -> YAMLNode? {
        guard let body = project.serviceBodies[service.location], tree.kind(body) == .mapping, !tree.isFlow(body) else { return nil }
        return body
    }

    /// The item of the service's own list under `key` (`ports`, `volumes`) written at `location`; nil when the
    /// list comes from a merge or an alias, so an edit never reaches a value other services share.
    func ownItem(of service: Service, key: String, at location: SourceLocation) -> YAMLNode? {
        guard let body = mapping(of: service), let list = tree.ownValue(body, forKey: key) else { return nil }
        return tree.items(list).first { tree.range($0) == location.range }
    }

    /// Adds `key` to the service, unless the service already gets it from a merge (editing it
    /// would override the shared value).
    func addServiceEntry(_ service: Service, key: String, value: YAMLSnippet) -> TextEdit? {
        guard let body = mapping(of: service), tree.value(body, forKey: key) == nil else { return nil }
        return editor.addEntry(to: body, key: key, value: value)
    }

    /// Appends an item to the service's list under `key`, creating the key when absent.
    func appendServiceItem(_ service: Service, key: String, item: String) -> TextEdit? {
        guard let body = mapping(of: service) else { return nil }
        if let value = tree.ownValue(body, forKey: key) {
            guard tree.kind(value) == .sequence, tree.anchor(value) == nil else {
                if tree.isNull(value), let keyNode = tree.ownKey(body, key) {
                    return editor.fillEmptyValue(key: keyNode, value: value, lines: [(0, "- " + item)])
                }
                return nil
            }
            return editor.appendItem(to: value, item: item)
        }
        guard tree.value(body, forKey: key) == nil else { return nil }
        return editor.addEntry(to: body, key: key, value: .block([(0, "- " + item)]))
    }

    /// Declares a top-level resource (`volumes:` / `networks:`), creating the section when absent.
    func declareTopLevel(section: String, name: String) -> TextEdit? {
        guard let root else { return nil }
        let entry = name + ":"
        if let value = tree.ownValue(root, forKey: section) {
            if tree.isNull(value), let key = tree.ownKey(root, section) {
                return editor.fillEmptyValue(key: key, value: value, lines: [(0, entry)])
            }
            guard tree.kind(value) == .mapping, !tree.isFlow(value), tree.rawPairs(value).first != nil,
                  tree.value(value, forKey: name) == nil else { return nil }
            return editor.addEntry(to: value, key: name, value: .block([]))
        }
        return editor.appendTopLevel(key: section, lines: [(0, entry)])
    }

    /// The names of top-level volumes written in this file, to follow their naming style.
    var declaredVolumeNames: [String] {
        guard let root, let volumes = tree.ownValue(root, forKey: "volumes") else { return [] }
        return tree.rawPairs(volumes).compactMap { tree.string($0.key) }
    }
}

extension ComposeEditing {
    /// `<service>_data`, or `<service>-data` when the file's volumes are named with dashes.
    func dataVolumeName(for service: String) -> String {
        let existing = declaredVolumeNames
        let dashed = existing.contains { $0.contains("-") } && !existing.contains { $0.contains("_") }
        let base = String(service.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return base + (dashed ? "-data" : "_data")
    }

    /// Edits that mount the named volume `name` at `target` in the service and declare it.
    func mountNamedVolume(_ service: Service, name: String, target: String) -> FileChange? {
        guard let mount = appendServiceItem(service, key: "volumes", item: "\(name):\(target)") else { return nil }
        var edits = [mount]
        if !project.model.volumes.contains(where: { $0.name == name }) {
            guard let declaration = declareTopLevel(section: "volumes", name: name) else { return nil }
            edits.append(declaration)
        }
        return FileChange(path: path, edits: edits)
    }
}
