import ComposeAuditCore
import ComposeAuditRules
import Foundation
import Testing

/// `docs/peer-rules.tsv`: what compose-audit does about every rule of the peers it is measured against.
@Suite("Peer rule table")
struct PeerRulesTests {
    /// Every rule of hadolint 2.15.1 (its `src/Hadolint/Rule/DL*.hs` modules and the parse error DL1000) and of
    /// compose-lint 0.36.2 (its `rules/CL*.py` files); tally's and ShellCheck's longer lists are in
    /// Scripts/compare/inventory/ with where they were taken from. A new peer version means a new inventory.
    static let inventory: [String: [String]] = [
        "tally": listed(in: "tally"),
        "shellcheck": listed(in: "shellcheck"),
        "hadolint": ["DL1000", "DL1001"] + (3000...3067).filter { ![3005, 3017, 3031, 3039].contains($0) }.map { "DL\($0)" }
            + ["DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006"],
        "compose-lint": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30]
            .map { "CL-" + String(repeating: "0", count: 4 - String($0).count) + String($0) },
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func listed(in inventory: String) -> [String] {
        let url = root.appendingPathComponent("Scripts/compare/inventory/\(inventory).txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func theLongInventoriesAreRead() {
        #expect(Self.listed(in: "tally").count == 223)
        #expect(Self.listed(in: "shellcheck").count == 472)
    }

    struct Row {
        var peer: String
        var rule: String
        var coveredBy: String
        var reason: String
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/peer-rules.tsv"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.first == "peer\tpeer_rule\tcovered_by\treason")
        return try lines.dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4, "not four columns: \(line)")
            return Row(peer: fields[0], rule: fields[1], coveredBy: fields[2], reason: fields[3])
        }
    }

    @Test func everyPeerRuleHasExactlyOneRow() throws {
        let rows = try Self.rows()
        for (peer, rules) in Self.inventory {
            let listed = rows.filter { $0.peer == peer }.map(\.rule)
            #expect(listed.sorted() == rules.sorted(), "\(peer): rows differ from its inventory")
            #expect(Set(listed).count == listed.count, "\(peer): a rule has two rows")
        }
        #expect(Set(rows.map(\.peer)).isSubset(of: Self.inventory.keys), "a peer without an inventory")
    }

    @Test func everyCoveringRuleExistsAndEveryRowSaysWhy() throws {
        let ids = Set(BuiltinRules.documented.map(\.id))
        for row in try Self.rows() {
            #expect(!row.reason.isEmpty, "\(row.rule) has no reason")
            guard !["policy", "not-applicable", "missing"].contains(row.coveredBy) else { continue }
            for id in row.coveredBy.split(separator: ",") {
                #expect(ids.contains(String(id)), "\(row.rule) names \(id), which is not a rule")
            }
        }
    }

    /// docs/peer-rules.md is rendered from the table (`make docs`); each row stands in it.
    @Test func thePageShowsEveryRow() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/peer-rules.md"), encoding: .utf8)
        for row in try Self.rows() {
            let line = "| \(row.peer) | \(row.rule) | \(row.coveredBy.replacingOccurrences(of: ",", with: ", ")) | \(row.reason.replacingOccurrences(of: "|", with: "\\|")) |"
            #expect(page.contains(line), "docs/peer-rules.md is out of date (run `make docs`): \(row.rule)")
        }
    }
}
