import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA223: a `tmpfs:` entry that turns Docker's `noexec` or `nosuid` default off.
public struct TmpfsAllowsExecRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA223", name: "tmpfs-allows-exec", category: .security, severity: .low,
        subject: "service with tmpfs",
        standards: StandardReferences(owasp: ["D04"], cwe: [732]),
        summary: "A `tmpfs:` entry writes `exec` or `suid`, turning off Docker's `noexec`/`nosuid` default",
        rationale: """
            Docker mounts each `tmpfs:` entry with `rw,noexec,nosuid,nodev` and merges the options written after \
            the colon into them. A writable `/tmp` is where an attacker who can write a file drops a program to run; \
            `exec` lets programs start there again and `suid` makes set-uid bits count. An entry without options \
            keeps the safe defaults and is not reported (a peer that asks for `noexec` on every entry reports \
            Docker's own default). When a program must run helpers from its temporary folder (some JIT caches, \
            native modules), give it a folder of its own instead of all of `/tmp`. `exec` on `/run` is \
            information: init systems in images (s6-overlay, systemd) run their services' scripts from there.
            """,
        triggering: [
            RuleExample("exec and suid written", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    read_only: true
                    tmpfs:
                      - ↓/tmp:exec,size=64m
                      - /run:size=16m
                  worker:
                    image: example/api:1.0
                    tmpfs: ↓/scratch:rw,suid
                """]),
        ],
        nonTriggering: [
            RuleExample("Docker's defaults, also restated", files: ["compose.yaml": """
                services:
                  api:
                    image: example/api:1.0
                    read_only: true
                    tmpfs:
                      - /tmp
                      - /run:size=16m,mode=1777
                      - "/cache:rw,noexec,nosuid"
                """]),
        ]
    )

    /// Folders of runtime state, where init systems put the scripts they run.
    static let runtimeFolders: Set<String> = ["/run", "/var/run", "/run/", "/var/run/"]

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard !service.tmpfs.isEmpty else { return .notApplicable }
        return .judged(service.tmpfs.compactMap { entry in
            let parts = entry.value.split(separator: ":", maxSplits: 1)
            let options = (parts.count > 1 ? parts[1] : "").split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            let loosened = ["exec", "suid"].filter(options.contains)
            guard !loosened.isEmpty else { return nil }
            let target = String(parts.first ?? "")
            // Init systems in images (s6-overlay, systemd) run their services' scripts from `/run`: `exec` there is
            // what they need, next to a `/tmp` that stays `noexec`.
            if loosened == ["exec"], Self.runtimeFolders.contains(target) {
                return Violation("Service `\(service.name)` mounts tmpfs `\(target)` with `exec`, which init systems such as s6-overlay need there",
                                 at: entry.location, severity: .info)
            }
            return Violation("Service `\(service.name)` mounts tmpfs `\(parts.first ?? "")` with \(loosened.map { "`\($0)`" }.joined(separator: " and ")): "
                             + "programs can run from it", at: entry.location)
        })
    }
}
