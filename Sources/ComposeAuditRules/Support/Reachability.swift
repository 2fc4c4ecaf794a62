import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

extension PortMapping {
    /// Published on every interface of the host (no host IP, or 0.0.0.0 / ::).
    var isPublishedOnAllInterfaces: Bool {
        guard published != nil else { return false }
        guard let hostIP, !hostIP.isEmpty else { return true }
        return hostIP == "0.0.0.0" || hostIP == "::" || hostIP == "[::]"
    }
}

extension PortMapping {
    /// Published only on a loopback address (`127.0.0.1:8080:80`, `[::1]:8080:80`).
    var isLoopbackOnly: Bool {
        guard let hostIP else { return false }
        return hostIP.hasPrefix("127.") || hostIP == "::1" || hostIP == "localhost"
    }
}

extension Project {
    /// The networks a service joins (`default` when it names none and shares no namespace).
    func networks(of service: Service) -> Set<String> {
        if let mode = service.networkMode?.value, !mode.isEmpty { return [mode] }
        return service.networks.isEmpty ? ["default"] : Set(service.networks)
    }

    /// For every service, the services that use it: they depend on it, link to it, or name it (or its
    /// container name) as a host in their environment or command. Built once, in time linear in the text.
    func clientIndex() -> [String: Set<String>] {
        memo.value("clientIndex") { computeClientIndex() }
    }

    private func computeClientIndex() -> [String: Set<String>] {
        var byHost: [String: String] = [:]
        for service in services {
            byHost[service.name] = service.name
            if let container = service.containerName?.value { byHost[container] = service.name }
        }
        var result: [String: Set<String>] = [:]
        for service in services {
            var used: Set<String> = []
            used.formUnion(service.dependsOn.map(\.service))
            used.formUnion(service.links.compactMap { $0.value.split(separator: ":").first.map(String.init) })
            for text in service.environment.compactMap({ $0.value?.value }) + (service.command?.words ?? []) {
                for token in Self.hostTokens(text) { if let name = byHost[token] { used.insert(name) } }
            }
            used.remove(service.name)
            for name in used { result[name, default: []].insert(service.name) }
        }
        return result
    }

    /// Words that could be host names: runs of letters, digits, `-`, `_` and `.`.
    static func hostTokens(_ text: String) -> [String] {
        // Bytes, not characters: ASCII letters, digits, `-`, `_`, `.` and any non-ASCII byte belong to a word.
        text.utf8.split { byte in
            !(byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
              || byte == 0x2D || byte == 0x5F || byte == 0x2E)
        }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// `redis://cache:6379`, `cache:6379`, `host=cache` all mention the host `cache`.
    static func mentions(_ text: String, host: String) -> Bool {
        var searchStart = text.startIndex
        while let found = text[searchStart...].firstRange(of: host) {
            let range = found.lowerBound..<found.upperBound
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let boundary: (Character?) -> Bool = { character in
                guard let character else { return true }
                return !(character.isLetter || character.isNumber || character == "-" || character == "_" || character == ".")
            }
            if boundary(before) && boundary(after) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
