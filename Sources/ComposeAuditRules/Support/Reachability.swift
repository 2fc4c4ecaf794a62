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

    /// Services that use `target`: they depend on it, link to it, or name it in their environment or command.
    func clients(of target: Service) -> Set<String> {
        var result: Set<String> = []
        let names = [target.name, target.containerName?.value].compactMap { $0 }
        for service in services where service.name != target.name {
            if service.dependsOn.contains(where: { $0.service == target.name }) { result.insert(service.name); continue }
            if service.links.contains(where: { $0.value.split(separator: ":").first.map(String.init) == target.name }) {
                result.insert(service.name)
                continue
            }
            let texts = service.environment.compactMap { $0.value?.value } + (service.command?.words ?? [])
            if texts.contains(where: { text in names.contains { Self.mentions(text, host: $0) } }) { result.insert(service.name) }
        }
        return result
    }

    /// `redis://cache:6379`, `cache:6379`, `host=cache` all mention the host `cache`.
    static func mentions(_ text: String, host: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: host, range: searchStart..<text.endIndex) {
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

extension String {
    func range(of needle: String, range: Range<String.Index>) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var index = range.lowerBound
        while index < range.upperBound {
            if self[index...].hasPrefix(needle) {
                let end = self.index(index, offsetBy: needle.count)
                return index..<end
            }
            index = self.index(after: index)
        }
        return nil
    }
}
