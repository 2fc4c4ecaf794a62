import Foundation
import Testing

/// `make stress`: `check` grows linearly with the number of services. A rule that asks every service about every
/// other one (once, CA101 and CA105 asked every client of every Redis) is quadratic: ten times the services then
/// costs about a hundred times the time. Times are compared within one run, as a ratio, so the machine's speed
/// cancels out; `make test` leaves this out because it measures time.
@Suite("check scales linearly with services", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["COMPOSE_AUDIT_STRESS"] != nil, "make stress sets COMPOSE_AUDIT_STRESS"))
struct ScalingStressTests {
    /// A stack of `groups` × 5 services with what the cross-service rules read: caches, brokers named in URLs,
    /// databases with data volumes and literal secrets, env files, `depends_on`, published ports.
    static func compose(groups: Int) -> String {
        var text = "services:\n"
        for index in 0..<groups {
            text += """
                  cache\(index):
                    image: redis:7.2
                    volumes: ["cache\(index):/data"]
                  queue\(index):
                    image: redis:7.2
                  db\(index):
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: literal-secret-\(index)
                    volumes: ["db\(index):/var/lib/postgresql/data"]
                  worker\(index):
                    image: example/app:1.\(index)
                    command: celery -A proj worker -c 4
                    env_file: [.env]
                    environment:
                      CELERY_BROKER_URL: redis://queue\(index):6379/0
                      DATABASE_URL: postgres://app@db\(index)/app
                    depends_on: [db\(index), queue\(index)]
                  web\(index):
                    image: nginx:1.27
                    ports: ["\(10000 + index):80"]
                    depends_on: [worker\(index)]

                """
        }
        text += "volumes:\n" + (0..<groups).map { "  cache\($0):\n  db\($0):\n" }.joined()
        return text
    }

    static func seconds(groups: Int) throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ca-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try compose(groups: groups).write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "LOG_LEVEL=info\n".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let result = try runTool(["check", ".", "--fail-on", "never", "--quiet"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        return result.seconds
    }

    @Test func tenTimesTheServicesTakesAboutTenTimesAsLong() throws {
        // 400 and 4,000 services, less the time of a 5-service run (start-up); the small runs are timed three times
        // and the fastest kept. Linear work gives a ratio near 10, quadratic work near 100.
        func fastest(_ groups: Int) throws -> Double { try (0..<3).map { _ in try Self.seconds(groups: groups) }.min() ?? 0 }
        let startUp = try fastest(1)
        let small = try fastest(80) - startUp
        let large = try Self.seconds(groups: 800) - startUp
        let ratio = large / max(small, 0.001)
        print("scaling: start-up \(startUp) s, 400 services +\(small) s, 4,000 services +\(large) s, ratio \(ratio)")
        #expect(ratio < 30, "4,000 services took \(ratio) times as long as 400: something is quadratic")
    }
}
