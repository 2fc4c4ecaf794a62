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
        self.findings = findings.map { Entry(fingerprint: Self.fingerprint($0), ruleId: $0.ruleID, file: $0.location.path, message: $0.message) }
            .sorted { ($0.file, $0.ruleId, $0.fingerprint) < ($1.file, $1.ruleId, $1.fingerprint) }
    }

    /// Rule, file, subject (offsets dropped) and message with digit runs masked.
    public static func fingerprint(_ finding: Finding) -> String {
        let subject = finding.subject.split(separator: ":").filter { Int($0) == nil }.joined(separator: ":")
        var message = ""
        var inDigits = false
        for character in finding.message {
            if character.isNumber {
                if !inDigits { message.append("#") }
                inDigits = true
            } else {
                inDigits = false
                message.append(character)
            }
        }
        return TextFormatting.fingerprint("\(finding.ruleID)|\(finding.location.path)|\(subject)|\(message)")
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
