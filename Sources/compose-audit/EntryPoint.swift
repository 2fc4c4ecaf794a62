import ArgumentParser
import ComposeAuditCore
import ComposeAuditReporters
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command line with the tool's exit codes: 0 pass, 1 findings or gate failed, 2 usage or input error.
@main
enum EntryPoint {
    static func main() {
        // `--version` alone answers before the argument parser starts (its first dynamic casts scan every
        // protocol conformance in the binary: most of a start-up).
        if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--version" {
            Console.write(ToolInfo.version + "\n")
            exit(0)
        }
        do {
            if let request = CheckRequest.quickParse(CommandLine.arguments) {
                try request.run()
            } else {
                var command = try ComposeAudit.parseAsRoot()
                try command.run()
            }
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = ComposeAudit.exitCode(for: error)
            var message = ComposeAudit.fullMessage(for: error)
            // One error style across the tool: `error: ...`, as every message of compose-audit's own.
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            if code == .success {
                Console.write(message + "\n")
                exit(0)
            }
            Console.error(message)
            exit(2)
        }
    }
}

enum Console {
    static func error(_ message: String) {
        writeAll(message.hasSuffix("\n") ? message : message + "\n", to: STDERR_FILENO)
    }

    /// A progress line on stderr (overwritten in place); nil clears it.
    static func progress(_ text: String?) {
        writeAll("\r\u{1B}[K" + (text ?? ""), to: STDERR_FILENO)
    }

    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// Writes every byte, retrying short writes and EINTR (from the string's own storage: a large report
    /// is not copied again).
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// The working folder's absolute path, as the process sees it (nil if it cannot be read).
    static let workingFolder: String? = {
        guard let path = getcwd(nil, 0) else { return nil }
        defer { free(path) }
        return String(cString: path)
    }()

    /// The last component of a folder's real path (for `.`, the working folder's name).
    static func folderName(of path: String) -> String {
        guard let resolved = realpath(path, nil) else { return "app" }
        defer { free(resolved) }
        let text = String(cString: resolved)
        return String(text.split(separator: "/").last ?? "app")
    }

    /// Colors only on a terminal and never with `NO_COLOR` set.
    static var stdoutIsColorTerminal: Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        return true
    }
}
