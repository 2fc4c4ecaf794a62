import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules

/// `textDocument/completion`: rule ids where the tool reads them. In a `# compose-audit:` comment, `disable=` and
/// `disable-file=`, then rule ids after `=` or `,`; in `.compose-audit.yml`, the file's keys at the start of a line
/// and rule ids in its lists (`select`, `ignore`) and as keys of `severity:` and `rules:`.
struct Completion {
    let server: LanguageServer

    /// What the text before the cursor asks for, and the word being typed (which the chosen item replaces).
    enum Context: Equatable {
        case suppressionKeyword
        case ruleReference
        case configurationKey
    }

    func items(_ params: [String: Any]) -> [[String: Any]] {
        guard let path = ((params["textDocument"] as? [String: Any])?["uri"] as? String).flatMap(LanguageServer.path(fromURI:)),
              let source = server.workspace.source(path) else { return [] }
        let offset = server.offset(params["position"], in: source)
        let lineStart = source.contentRange(ofLine: source.lineIndex(containing: offset)).start
        let before = String(decoding: source.bytes[lineStart..<offset], as: UTF8.self)
        let isConfiguration = PathName.lastComponent(of: path) == Configuration.fileName
        guard let (context, word) = Self.context(before: before, isConfiguration: isConfiguration) else { return [] }
        let range = server.encoding.range(TextRange(start: offset - word.utf8.count, end: offset), in: source)
        return Self.candidates(for: context)
            .filter { $0.label.lowercased().hasPrefix(word.lowercased()) || ($0.name?.hasPrefix(word.lowercased()) ?? false) }
            .map { candidate in
                var item: [String: Any] = ["label": candidate.label, "kind": candidate.kind, "detail": candidate.detail,
                                           "textEdit": ["range": range, "newText": candidate.insert]]
                if let name = candidate.name { item["filterText"] = candidate.label + " " + name }
                if let documentation = candidate.documentation { item["documentation"] = ["kind": "markdown", "value": documentation] }
                return item
            }
    }

    /// The completion the text of the line before the cursor calls for, with the partial word typed; nil for none.
    static func context(before text: String, isConfiguration: Bool) -> (Context, String)? {
        let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "-" }.reversed())
        let head = text.dropLast(word.count)
        if let marker = head.firstRange(of: "compose-audit:"), head[..<marker.lowerBound].contains("#") {
            let body = head[marker.upperBound...].drop { $0 == " " || $0 == "\t" }
            if body.isEmpty { return (.suppressionKeyword, word) }
            guard !body.contains("--"), body.hasPrefix("disable=") || body.hasPrefix("disable-file="),
                  body.last == "=" || body.last == "," || body.last == " " else { return nil }
            return (.ruleReference, word)
        }
        guard isConfiguration, !head.contains("#") else { return nil }
        if head.isEmpty { return (.configurationKey, word) }
        let trimmed = head.drop { $0 == " " || $0 == "\t" }
        // An indented key (under `severity:` or `rules:`), a list item, or an item of a flow list.
        if trimmed.isEmpty || trimmed == "- " || trimmed == "-" || head.last == "[" || head.hasSuffix(", ") || head.last == "," {
            return (.ruleReference, word)
        }
        return nil
    }

    struct Candidate {
        var label: String
        /// The rule's name, also matched against the word typed (`priv` finds CA202 privileged-container).
        var name: String?
        var kind: Int
        var detail: String
        var documentation: String?
        var insert: String
    }

    /// LSP CompletionItemKind: Property (10) for configuration keys, Keyword (14), EnumMember (20) for rule ids.
    static func candidates(for context: Context) -> [Candidate] {
        switch context {
        case .suppressionKeyword:
            return [
                Candidate(label: "disable=", kind: 14, detail: "Suppress rules on the next entry, or on this line after code", insert: "disable="),
                Candidate(label: "disable-file=", kind: 14, detail: "Suppress rules in the whole file", insert: "disable-file="),
            ]
        case .configurationKey:
            return Configuration.keys.map { Candidate(label: $0.name, kind: 10, detail: $0.summary, insert: $0.name + ": ") }
        case .ruleReference:
            return BuiltinRules.documented.map { rule in
                Candidate(label: rule.id, name: rule.name, kind: 20, detail: "\(rule.name) (\(rule.category.rawValue), \(rule.severity.name))",
                          documentation: rule.summary, insert: rule.id)
            }
        }
    }
}
