#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ComposeAuditCore

/// JSON-RPC over a pair of file descriptors with LSP's `Content-Length` framing. Reading is blocking; `hasPendingInput`
/// tells whether more bytes are already waiting, so the server can take every queued change before it analyses.
public final class MessageChannel {
    /// A decoded message, or what was wrong with the bytes where one should have been.
    public enum Incoming {
        case message([String: Any])
        case malformed(String)
        case end
    }

    static let largestMessage = 64 << 20
    let input: Int32
    let output: Int32
    private var buffer: [UInt8] = []

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// Bytes already buffered, or waiting on the descriptor (a zero-timeout poll).
    public var hasPendingInput: Bool {
        if !buffer.isEmpty { return true }
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    public func read() -> Incoming {
        while true {
            if let headerEnd = find([13, 10, 13, 10]) {
                let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
                var length: Int?
                for line in header.split(separator: "\r\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        length = Int(String(parts[1].trimmingSpaces))
                    }
                }
                guard let length, length >= 0, length <= Self.largestMessage else {
                    buffer.removeSubrange(..<(headerEnd + 4))
                    return .malformed("a header without a valid Content-Length")
                }
                let start = headerEnd + 4
                while buffer.count < start + length {
                    guard fill() else { return .end }
                }
                let body = Array(buffer[start..<(start + length)])
                buffer.removeSubrange(..<(start + length))
                guard let message = JSONValue.parse(body) as? [String: Any] else {
                    return .malformed("the body is not a JSON object")
                }
                return .message(message)
            }
            if buffer.count > Self.largestMessage {
                buffer.removeAll()
                return .malformed("a header longer than any message")
            }
            guard fill() else { return .end }
        }
    }

    public func send(_ message: [String: Any]) {
        var object = message
        object["jsonrpc"] = "2.0"
        let body = JSONValue.serialize(object)
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes.append(contentsOf: body)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(output, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for index in 0...(buffer.count - pattern.count) where buffer[index] == pattern[0] {
            if Array(buffer[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(input, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
