import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

/// `textDocument/codeAction`: the finding's own fix (safe ones preferred, unsafe ones labelled), a suppression
/// comment for the line or the file, and "fix all safe findings in this file" — all from the same fix engine and
/// suppression grammar as the command line. A fix that spans files is one WorkspaceEdit.
struct CodeActions {
    static let fixAllKind = "source.fixAll.compose-audit"
    let server: LanguageServer

    var workspace: Workspace { server.workspace }

    func actions(_ params: [String: Any]) -> [[String: Any]] {
        guard let path = ((params["textDocument"] as? [String: Any])?["uri"] as? String).flatMap(LanguageServer.path(fromURI:)),
              let source = workspace.source(path) else { return [] }
        let range = params["range"] as? [String: Any] ?? [:]
        let start = server.offset(range["start"], in: source)
        let end = max(start, server.offset(range["end"], in: source))
        let only = (params["context"] as? [String: Any])?["only"] as? [String]
        func wanted(_ kind: String) -> Bool { only.map { kinds in kinds.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
        var result: [[String: Any]] = []
        if wanted("quickfix") {
            for (finding, findingSource) in workspace.findings(in: path)
            where finding.location.range.start <= end && start <= finding.location.range.end {
                let diagnostic = server.diagnostic(finding, source: findingSource)
                if let fix = finding.fix, let edit = workspaceEdit(fix.changes) {
                    let label = fix.applicability == .safe ? fix.title : "\(fix.title) (\(fix.classAndConsequence))"
                    result.append(["title": label, "kind": "quickfix", "diagnostics": [diagnostic],
                                   "isPreferred": fix.applicability == .safe, "edit": edit])
                }
                result += suppressions(finding, in: source).map { title, edit in
                    ["title": title, "kind": "quickfix", "diagnostics": [diagnostic], "edit": edit]
                }
            }
        }
        if wanted(Self.fixAllKind), let edit = fixAll(path, source: source) {
            result.append(["title": "Fix all safe compose-audit findings in this file", "kind": Self.fixAllKind, "edit": edit])
        }
        return result
    }

    /// The fix's changes as a WorkspaceEdit (a created file as a create operation plus its text).
    func workspaceEdit(_ changes: [FileChange]) -> [String: Any]? {
        var operations: [[String: Any]] = []
        for change in changes {
            let uri = LanguageServer.uri(change.path)
            switch change.kind {
            case .edit(let edits):
                guard let file = workspace.source(change.path) else { return nil }
                operations.append(["textDocument": ["uri": uri, "version": JSONNull.null],
                                   "edits": edits.map { ["range": server.encoding.range($0.range, in: file), "newText": $0.replacement] }])
            case .create(let content):
                let origin = ["line": 0, "character": 0]
                operations.append(["kind": "create", "uri": uri, "options": ["ignoreIfExists": true]])
                operations.append(["textDocument": ["uri": uri, "version": JSONNull.null],
                                   "edits": [["range": ["start": origin, "end": origin], "newText": content]]])
            }
        }
        return operations.isEmpty ? nil : ["documentChanges": operations]
    }

    /// "Disable ID for this line" and "for this file", written in the tool's own suppression grammar.
    func suppressions(_ finding: Finding, in source: SourceFile) -> [(String, [String: Any])] {
        let name = PathName.lastComponent(of: source.path)
        let isDockerfile = name.contains("Dockerfile") || name.hasSuffix(".dockerfile")
        guard isDockerfile || name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.hasPrefix(".env") || name.hasSuffix(".env")
            || name.hasSuffix("dockerignore") else { return [] }
        let line = source.lineIndex(containing: finding.location.range.start)
        let content = source.contentRange(ofLine: line)
        let text = source.text(in: content)
        let newline = source.bytes[content.end...].starts(with: [13, 10]) ? "\r\n" : "\n"
        let indent = String(text.prefix { $0 == " " || $0 == "\t" })
        // A Dockerfile has no end-of-line comments, and a line with a comment takes no second one: above it instead.
        let lineEdit: TextEdit = isDockerfile || text.contains("#")
            ? .insert("\(indent)# compose-audit: disable=\(finding.ruleID)\(newline)", at: content.start)
            : .insert("  # compose-audit: disable=\(finding.ruleID)", at: content.end)
        var top = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if isDockerfile {
            // After the parser directives (`# syntax=`, `# escape=`, `# check=`), which must stay first.
            var index = 0
            while index < source.lineCount {
                let directive = source.text(in: source.contentRange(ofLine: index)).replacingAll(" ", with: "").lowercased()
                guard directive.hasPrefix("#syntax=") || directive.hasPrefix("#escape=") || directive.hasPrefix("#check=") else { break }
                index += 1
                top = index < source.lineCount ? source.contentRange(ofLine: index).start : source.bytes.count
            }
        }
        let fileEdit = TextEdit.insert("# compose-audit: disable-file=\(finding.ruleID)\(newline)", at: top)
        return [(lineEdit, "Disable \(finding.ruleID) for this line"), (fileEdit, "Disable \(finding.ruleID) for this file")].compactMap { edit, title in
            workspaceEdit([FileChange(path: source.path, edits: [edit])]).map { (title, $0) }
        }
    }

    /// Every safe fix of the file's project that edits this file, validated by the fixer's rounds.
    func fixAll(_ path: String, source: SourceFile) -> [String: Any]? {
        guard let key = workspace.analysedProject(reading: path) else { return nil }
        let fixer = Fixer(linter: Linter(rules: BuiltinRules.all, runsRulesInParallel: false), options: FixOptions(minimumApplicability: .safe))
        let load = workspace.load
        guard let outcome = try? fixer.run(on: workspace.fileSystem, load: { fileSystem throws(ProjectLoader.LoadError) in
            try load(key.folder, key.files, fileSystem)
        }), let file = outcome.files.first(where: { $0.path == path }) else { return nil }
        let whole = server.encoding.range(TextRange(start: 0, end: source.bytes.count), in: source)
        return ["changes": [LanguageServer.uri(path): [["range": whole, "newText": String(decoding: file.fixed, as: UTF8.self)]]]]
    }
}
