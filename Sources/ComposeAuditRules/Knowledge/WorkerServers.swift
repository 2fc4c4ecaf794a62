/// Servers whose worker or concurrency count is set on the command line, the flags that set it,
/// and the environment variables that mean the same setting.
public struct WorkerServer: Sendable {
    public var program: String
    /// Flags taking the count as the next word or after `=` (short flags also glued: `-w4`).
    public var flags: [String]
    public var variables: [String]
    /// The variable the program itself reads for the count when no flag gives it (gunicorn's and uvicorn's
    /// `WEB_CONCURRENCY`); nil when it reads none.
    public var ownVariable: String? = nil
}

public enum WorkerServers {
    /// Generic names that many images and entrypoints read.
    public static let genericVariables = ["WORKERS", "NUM_WORKERS", "WORKER_COUNT", "CONCURRENCY"]

    public static let all: [WorkerServer] = [
        WorkerServer(program: "uvicorn", flags: ["--workers"], variables: ["UVICORN_WORKERS", "WEB_CONCURRENCY"],
                     ownVariable: "WEB_CONCURRENCY"),
        WorkerServer(program: "gunicorn", flags: ["-w", "--workers"],
                     variables: ["GUNICORN_WORKERS", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"], ownVariable: "WEB_CONCURRENCY"),
        WorkerServer(program: "hypercorn", flags: ["-w", "--workers"], variables: ["HYPERCORN_WORKERS", "WEB_CONCURRENCY"]),
        WorkerServer(program: "granian", flags: ["--workers"], variables: ["GRANIAN_WORKERS", "WEB_CONCURRENCY"],
                     ownVariable: "GRANIAN_WORKERS"),
        WorkerServer(program: "celery", flags: ["-c", "--concurrency"],
                     variables: ["CELERY_CONCURRENCY", "CELERYD_CONCURRENCY", "CELERY_WORKER_CONCURRENCY"]),
        WorkerServer(program: "puma", flags: ["-w", "--workers"], variables: ["WEB_CONCURRENCY", "PUMA_WORKERS"]),
        WorkerServer(program: "sidekiq", flags: ["-c", "--concurrency"], variables: ["SIDEKIQ_CONCURRENCY", "RAILS_MAX_THREADS"]),
        WorkerServer(program: "uwsgi", flags: ["-p", "--processes", "--workers"], variables: ["UWSGI_PROCESSES", "UWSGI_WORKERS"],
                     ownVariable: "UWSGI_PROCESSES"),
        WorkerServer(program: "dramatiq", flags: ["-p", "--processes"], variables: ["DRAMATIQ_PROCESSES"]),
        WorkerServer(program: "huey_consumer", flags: ["-w", "--workers"], variables: ["HUEY_WORKERS"]),
        WorkerServer(program: "pm2-runtime", flags: ["-i", "--instances"], variables: ["PM2_INSTANCES", "INSTANCES"]),
        WorkerServer(program: "pm2", flags: ["-i", "--instances"], variables: ["PM2_INSTANCES", "INSTANCES"]),
    ]

    /// A hard-coded count found in a simple command: the server, the flag as written and the number.
    public struct HardcodedCount: Sendable, Equatable {
        public var server: String
        public var flag: String
        public var count: Int
    }

    /// The server a simple command (wrappers already dropped) starts, if known.
    public static func server(for words: [String]) -> WorkerServer? {
        guard let first = words.first else { return nil }
        let program = String(first.split(separator: "/").last ?? Substring(first))
        return all.first { $0.program == program || program.hasPrefix($0.program + ".") }
    }

    /// The literal count passed to the server in `words`, if any (`--workers 4`, `--workers=4`, `-w4`).
    public static func hardcodedCount(in words: [String]) -> HardcodedCount? {
        guard let server = server(for: words) else { return nil }
        for (index, word) in words.enumerated() {
            for flag in server.flags {
                var value: String?
                if word == flag, index + 1 < words.count { value = words[index + 1] }
                else if word.hasPrefix(flag + "=") { value = String(word.dropFirst(flag.count + 1)) }
                else if flag.count == 2, word.hasPrefix(flag), word.count > 2 { value = String(word.dropFirst(2)) }
                if let value, let count = Int(value) {
                    return HardcodedCount(server: server.program, flag: word == flag ? "\(flag) \(value)" : word, count: count)
                }
            }
        }
        return nil
    }
}
