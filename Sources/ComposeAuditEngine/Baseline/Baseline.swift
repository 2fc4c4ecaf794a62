#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ComposeAuditCore

/// Accepted findings recorded with `compose-audit baseline create`; `check --baseline` reports and
/// gates only findings that are not in it. A finding is matched by rule, file and what it is about
/// (its subject and message with numbers masked), never by line, so edits elsewhere keep it matched.
public struct Baseline: Codable, Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var fingerprint: String
        public var ruleId: String
        public var file: String
        public var message: String
    }

    public var version = 1
    public var tool = "compose-audit"
    public var findings: [Entry]

    public init(findings: [Finding]) {
        self.findings = findings.map { finding in
            Entry(fingerprint: Self.fingerprint(finding), ruleId: finding.ruleID, file: Self.projectRelative(finding.location.path, finding),
                  message: Self.projectRelative(finding.message, finding))
        }
        .sorted { ($0.file, $0.ruleId, $0.fingerprint) < ($1.file, $1.ruleId, $1.fingerprint) }
    }

    /// `text` with the project folder's path taken out of every path in it: `shop/compose.yaml`,
    /// `/home/me/shop/compose.yaml` and `compose.yaml` (run inside `shop`) all read `compose.yaml`, and the folder
    /// itself reads `.`. Only whole paths are touched: `a/` inside `data/x` is left alone.
    static func projectRelative(_ text: String, _ finding: Finding) -> String {
        let root = PathName.normalize(finding.projectRoot)
        guard root != ".", text.contains(root) else { return text }
        let rootBytes = Array(root.utf8)
        let bytes = Array(text.utf8)
        func isPathByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let end = index + rootBytes.count
            if end <= bytes.count, (index == 0 || !isPathByte(bytes[index - 1])), Array(bytes[index..<end]) == rootBytes {
                if end < bytes.count, bytes[end] == UInt8(ascii: "/") {
                    index = end + 1
                    continue
                }
                if end == bytes.count || !isPathByte(bytes[end]) {
                    result.append(UInt8(ascii: "."))
                    index = end
                    continue
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Rule, file and subject (offsets dropped) and message with digit runs masked, paths relative to the
    /// project folder: the same finding has the same fingerprint however the project's path was typed. Baselines,
    /// GitLab's `fingerprint` and SARIF's `partialFingerprints` all use it.
    public static func fingerprint(_ finding: Finding) -> String {
        let subject = projectRelative(finding.subject.split(separator: ":").filter { Int($0) == nil }.joined(separator: ":"), finding)
        var message = ""
        var inDigits = false
        for character in projectRelative(finding.message, finding) {
            if character.isNumber {
                if !inDigits { message.append("#") }
                inDigits = true
            } else {
                inDigits = false
                message.append(character)
            }
        }
        return TextFormatting.fingerprint("\(finding.ruleID)|\(projectRelative(finding.location.path, finding))|\(subject)|\(message)")
    }

    /// The findings the baseline does not account for (each entry accounts for one finding).
    public func newFindings(_ findings: [Finding]) -> [Finding] {
        var remaining: [String: Int] = [:]
        for entry in self.findings { remaining[entry.fingerprint, default: 0] += 1 }
        return findings.filter { finding in
            let key = Self.fingerprint(finding)
            guard let count = remaining[key], count > 0 else { return true }
            remaining[key] = count - 1
            return false
        }
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(ReadError) -> Baseline {
        do {
            return try JSONDecoder().decode(Baseline.self, from: Data(bytes))
        } catch {
            throw ReadError(description: "\(path): not a compose-audit baseline (\(error))")
        }
    }
}
