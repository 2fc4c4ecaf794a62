import Foundation
import Testing

/// `compose-audit lsp` over real pipes, in `make test` (the full protocol suite is `make editor-test`).
@Suite("Language server")
struct LanguageServerTests {
    static func frame(_ object: [String: Any]) throws -> Data {
        let body = try JSONSerialization.data(withJSONObject: object.merging(["jsonrpc": "2.0"]) { first, _ in first })
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Splits the server's output into its messages (checking the framing as it goes).
    static func messages(_ data: Data) throws -> [[String: Any]] {
        var messages: [[String: Any]] = []
        var rest = data[...]
        while !rest.isEmpty {
            let separator = try #require(rest.range(of: Data("\r\n\r\n".utf8)), "a header without its blank line")
            let header = String(decoding: rest[..<separator.lowerBound], as: UTF8.self)
            let length = try #require(Int(header.replacingOccurrences(of: "Content-Length: ", with: "")), "header: \(header)")
            let body = rest[separator.upperBound..<(separator.upperBound + length)]
            messages.append(try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]))
            rest = rest[(separator.upperBound + length)...]
        }
        return messages
    }

    @Test func aSessionPublishesDiagnosticsAndExitsCleanly() throws {
        let compose = Paths.packageRoot + "/Fixtures/tsh-erp/docker-compose.yml"
        let text = try String(contentsOfFile: compose, encoding: .utf8)
        var input = Data()
        input += try Self.frame(["id": 1, "method": "initialize", "params": ["capabilities": [:] as [String: Any]]])
        input += try Self.frame(["method": "initialized", "params": [:] as [String: Any]])
        input += try Self.frame(["method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": "file://" + compose, "languageId": "yaml", "version": 1, "text": text] as [String: Any]]])
        input += try Self.frame(["id": 2, "method": "shutdown"])
        input += try Self.frame(["method": "exit"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.executable)
        process.arguments = ["lsp"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "exit after shutdown")
        let messages = try Self.messages(output)
        #expect((messages.first?["result"] as? [String: Any])?["capabilities"] != nil)
        let published = messages.filter { $0["method"] as? String == "textDocument/publishDiagnostics" }
        let mine = published.first { ($0["params"] as? [String: Any])?["uri"] as? String == "file://" + compose }
        let diagnostics = (mine?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["code"] as? String == "CA101" })
        #expect(published.count >= 3, "the Dockerfile, .dockerignore and nginx config of the project too")
        #expect(messages.last?["id"] as? Int == 2, "the shutdown answer is the last message")
    }
}
