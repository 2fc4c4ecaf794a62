import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditReporters
import ComposeAuditRules

/// `compose-audit lsp`: a Language Server Protocol server over stdio. Diagnostics for compose files, the Dockerfiles,
/// `.dockerignore`, env files and nginx configs their projects read (open buffers win over the disk, and a change
/// re-analyses every project that read the file), quick fixes from the fix engine, suppression actions, hover docs,
/// completion of rule ids and configuration keys.
///
/// One thread: the server reads every message already waiting before it analyses, so a burst of keystrokes is one
/// analysis of the latest text (stale states are never analysed), and a request cancelled while queued is
/// answered with RequestCancelled.
public final class LanguageServer {
    let channel: MessageChannel
    let workspace: Workspace
    var encoding = PositionEncoding(utf8: false)
    var initialized = false
    var shutdownRequested = false
    /// Files whose diagnostics were last published non-empty (so that an empty list clears them).
    var published: Set<String> = []

    /// `maximumFileSize`: the largest file read from disk (the command line's `--max-file-size`).
    public init(channel: MessageChannel, maximumFileSize: Int = 64 << 20, load: @escaping ProjectLoading) {
        self.channel = channel
        self.workspace = Workspace(disk: LocalFileSystem(root: "/", maximumFileSize: maximumFileSize), load: load)
    }

    /// Serves until `exit` (0 after `shutdown`, 1 without) or the end of the input (1).
    public func run() -> Int32 {
        while true {
            var batch = [channel.read()]
            while channel.hasPendingInput, !isEnd(batch[batch.count - 1]) { batch.append(channel.read()) }
            let cancelled = Set(batch.compactMap { item -> String? in
                guard case .message(let message) = item, message["method"] as? String == "$/cancelRequest" else { return nil }
                return (message["params"] as? [String: Any])?["id"].map { "\($0)" }
            })
            for item in batch {
                switch item {
                case .end:
                    return 1
                case .malformed(let reason):
                    channel.send(["id": JSONNull.null, "error": ["code": -32700, "message": "Parse error: \(reason)"]])
                case .message(let message):
                    if let code = handle(message, cancelled: cancelled) { return code }
                }
            }
            if workspace.hasWork { publish(workspace.analyseDirty()) }
        }
    }

    private func isEnd(_ item: MessageChannel.Incoming) -> Bool {
        if case .end = item { return true }
        return false
    }

    /// Handles one message; an exit code when the server must stop.
    func handle(_ message: [String: Any], cancelled: Set<String>) -> Int32? {
        guard let method = message["method"] as? String else { return nil }  // a response: the server asks nothing
        let params = message["params"] as? [String: Any] ?? [:]
        guard let id = message["id"], !(id is JSONNull) else {
            return notify(method, params)
        }
        if cancelled.contains("\(id)") {
            channel.send(["id": id, "error": ["code": -32800, "message": "Request cancelled"]])
            return nil
        }
        // Changes queued before a request are analysed first: its answer (and what was published) sees them.
        if workspace.hasWork { publish(workspace.analyseDirty()) }
        if !initialized, method != "initialize" {
            channel.send(["id": id, "error": ["code": -32002, "message": "The server is not initialized"]])
            return nil
        }
        switch method {
        case "initialize":
            initialized = true
            let offered = ((params["capabilities"] as? [String: Any])?["general"] as? [String: Any])?["positionEncodings"] as? [String] ?? []
            encoding = PositionEncoding(utf8: offered.contains("utf-8"))
            channel.send(["id": id, "result": [
                "capabilities": [
                    "positionEncoding": encoding.utf8 ? "utf-8" : "utf-16",
                    "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
                    "codeActionProvider": ["codeActionKinds": ["quickfix", CodeActions.fixAllKind]],
                    "hoverProvider": true,
                    "completionProvider": ["triggerCharacters": ["=", ",", ":"]],
                ] as [String: Any],
                "serverInfo": ["name": ToolInfo.name, "version": ToolInfo.version],
            ] as [String: Any]])
        case "shutdown":
            shutdownRequested = true
            channel.send(["id": id, "result": JSONNull.null])
        case "textDocument/codeAction":
            channel.send(["id": id, "result": CodeActions(server: self).actions(params)])
        case "textDocument/hover":
            channel.send(["id": id, "result": hover(params) ?? JSONNull.null])
        case "textDocument/completion":
            channel.send(["id": id, "result": Completion(server: self).items(params)])
        default:
            channel.send(["id": id, "error": ["code": -32601, "message": "Method not found: \(method)"]])
        }
        return nil
    }

    func notify(_ method: String, _ params: [String: Any]) -> Int32? {
        let document = params["textDocument"] as? [String: Any] ?? [:]
        let path = (document["uri"] as? String).flatMap(Self.path(fromURI:))
        switch method {
        case "exit":
            return shutdownRequested ? 0 : 1
        case "textDocument/didOpen":
            if let path, let text = document["text"] as? String { workspace.open(path, text: Array(text.utf8)) }
        case "textDocument/didChange":
            guard let path, var text = workspace.documents[path] else { break }
            for change in params["contentChanges"] as? [[String: Any]] ?? [] {
                guard let replacement = change["text"] as? String else { continue }
                if let range = change["range"] as? [String: Any] {
                    let source = SourceFile(path: path, bytes: text)
                    let start = offset(range["start"], in: source)
                    let end = max(start, offset(range["end"], in: source))
                    text.replaceSubrange(start..<end, with: Array(replacement.utf8))
                } else {
                    text = Array(replacement.utf8)
                }
            }
            workspace.open(path, text: text)
        case "textDocument/didSave":
            if let path { workspace.touch(path) }
        case "textDocument/didClose":
            if let path { workspace.close(path) }
        case "workspace/didChangeWatchedFiles":
            for change in params["changes"] as? [[String: Any]] ?? [] {
                if let path = (change["uri"] as? String).flatMap(Self.path(fromURI:)) { workspace.touch(path) }
            }
        default:
            break  // initialized, $/cancelRequest, $/setTrace and notifications the server does not use
        }
        return nil
    }

    func offset(_ position: Any?, in source: SourceFile) -> Int {
        let position = position as? [String: Any] ?? [:]
        return encoding.offset(line: position["line"] as? Int ?? 0, character: position["character"] as? Int ?? 0, in: source)
    }

    /// `textDocument/publishDiagnostics` for every file whose diagnostics may have changed.
    func publish(_ paths: Set<String>) {
        for path in paths.sorted() {
            let diagnostics = self.diagnostics(for: path)
            if diagnostics.isEmpty, !published.contains(path) { continue }
            if diagnostics.isEmpty { published.remove(path) } else { published.insert(path) }
            channel.send(["method": "textDocument/publishDiagnostics",
                          "params": ["uri": Self.uri(path), "diagnostics": diagnostics] as [String: Any]])
        }
    }

    func diagnostics(for path: String) -> [[String: Any]] {
        var result: [[String: Any]] = []
        for (finding, source) in workspace.findings(in: path) {
            result.append(diagnostic(finding, source: source))
        }
        for error in workspace.errors(in: path) {
            let position = ["line": error.position.line - 1, "character": error.position.column - 1]
            result.append(["range": ["start": position, "end": position], "severity": 1, "source": ToolInfo.name,
                           "code": "input-error", "message": error.reason])
        }
        return result
    }

    func diagnostic(_ finding: Finding, source: SourceFile?) -> [String: Any] {
        let range: [String: Any] = source.map { encoding.range(finding.location.range, in: $0) } ?? [
            "start": ["line": finding.position.line - 1, "character": finding.position.column - 1],
            "end": ["line": finding.endPosition.line - 1, "character": finding.endPosition.column - 1],
        ]
        var diagnostic: [String: Any] = [
            "range": range, "severity": Self.severity(finding.severity), "source": ToolInfo.name, "code": finding.ruleID,
            "message": finding.message,
        ]
        if let rule = BuiltinRules.description(for: finding.ruleID) {
            diagnostic["codeDescription"] = ["href": RuleDocumentation.url(rule)]
        }
        let related: [[String: Any]] = finding.related.compactMap { related in
            guard let file = workspace.analysedSource(related.location.path) else { return nil }
            return ["location": ["uri": Self.uri(related.location.path), "range": encoding.range(related.location.range, in: file)],
                    "message": related.message]
        }
        if !related.isEmpty { diagnostic["relatedInformation"] = related }
        if finding.ruleID == SuppressionDiagnostics.unusedSuppression.id { diagnostic["tags"] = [1] }  // unnecessary
        if ["CA412", "CA508"].contains(finding.ruleID) { diagnostic["tags"] = [2] }  // deprecated syntax
        return diagnostic
    }

    /// critical/high -> Error, medium -> Warning, low -> Information, info -> Hint.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .critical, .high: 1
        case .medium: 2
        case .low: 3
        case .info: 4
        }
    }

    /// The rule under the cursor: a diagnostic's, or an id or name in a suppression comment.
    func hover(_ params: [String: Any]) -> [String: Any]? {
        guard let path = ((params["textDocument"] as? [String: Any])?["uri"] as? String).flatMap(Self.path(fromURI:)),
              let source = workspace.source(path) else { return nil }
        let offset = self.offset(params["position"], in: source)
        let rule = suppressedRule(at: offset, in: source)
            ?? workspace.findings(in: path).first { $0.finding.location.range.start <= offset && offset <= $0.finding.location.range.end }
                .flatMap { BuiltinRules.description(for: $0.finding.ruleID) }
        guard let rule else { return nil }
        return ["contents": ["kind": "markdown", "value": "## \(rule.id) \(rule.name)\n\n" + RuleDocumentation.section(rule).joined(separator: "\n")]]
    }

    /// The rule whose id or name is under the cursor in a `compose-audit:` suppression comment.
    func suppressedRule(at offset: Int, in source: SourceFile) -> RuleDescription? {
        let line = source.contentRange(ofLine: source.lineIndex(containing: offset))
        let text = Array(source.bytes[line.start..<line.end])
        guard String(decoding: text, as: UTF8.self).contains("compose-audit:") else { return nil }
        let isWord = { (byte: UInt8) in byte == 0x2D || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }
        var start = min(max(offset - line.start, 0), text.count)
        var end = start
        while start > 0, isWord(text[start - 1]) { start -= 1 }
        while end < text.count, isWord(text[end]) { end += 1 }
        return BuiltinRules.description(for: String(decoding: text[start..<end], as: UTF8.self))
    }

    /// The path of a `file://` URI, percent-decoded (nil for other schemes or broken escapes).
    static func path(fromURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var bytes: [UInt8] = []
        var rest = Array(uri.utf8.dropFirst("file://".count))[...]
        while let byte = rest.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard rest.count >= 2, let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
            rest = rest.dropFirst(2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A `file://` URI for an absolute path: bytes other than letters, digits and `-._~/` percent-encoded.
    static func uri(_ path: String) -> String {
        var output = "file://"
        for byte in path.utf8 {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || "-._~/".utf8.contains(byte)
            output += plain ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        return output
    }
}
