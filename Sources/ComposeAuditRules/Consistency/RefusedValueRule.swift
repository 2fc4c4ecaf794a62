import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA512: a value Docker Compose refuses to load, as written or once its variables are substituted.
public struct RefusedValueRule: ServicePartRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA512", name: "refused-value", category: .consistency, severity: .critical,
        subject: "value Compose checks when it loads the file",
        summary: "A service value that Docker Compose refuses to load: a volume or port with an empty part, a boolean, number, duration or size that is none, a `container_name` Compose does not allow, a `platform` outside `build.platforms`, an empty service",
        rationale: """
            Compose checks these values when it loads the files, after substituting variables, and stops with \
            an error (`invalid spec: :/var/run/docker.sock: empty section between colons`, `invalid boolean`, \
            `no port specified`): nothing starts. Most come from a variable that is not set where the project \
            runs, which turns `${SOCKET}:/var/run/docker.sock` into `:/var/run/docker.sock`; such a finding is \
            medium, since the value may be fine where the variable is set (the undefined variable is reported \
            here, not a second time by CA503). A value wrong as written is critical.
            """,
        triggering: [
            RuleExample("values that are refused once the unset variables are substituted, and a one-letter container name", files: ["compose.yaml": """
                services:
                  proxy:
                    image: traefik:v3.1
                    read_only: ↓${PROXY_READ_ONLY}
                    volumes:
                      - ↓${DOCKER_SOCKET}:/var/run/docker.sock:ro
                    ports:
                      - ↓${HTTP_PORT}:${HTTP_PORT}/udp
                  cache:
                    image: redis:7.4
                    container_name: ↓c
                    healthcheck:
                      test: ["CMD", "redis-cli", "ping"]
                      interval: ↓${CHECK_EVERY:-10}
                """]),
        ],
        nonTriggering: [
            RuleExample("the same values with the variables set, defaults that cast, and YAML 1.1 booleans Compose still accepts", files: [
                "compose.yaml": """
                    services:
                      proxy:
                        image: traefik:v3.1
                        read_only: ${PROXY_READ_ONLY:-yes}
                        volumes:
                          - ${DOCKER_SOCKET}:/var/run/docker.sock:ro
                        ports:
                          - ${HTTP_PORT}:80
                        mem_limit: ${PROXY_MEMORY:-256m}
                      cache:
                        image: redis:7.4
                        container_name: ${CACHE_NAME:-cache}
                        healthcheck:
                          test: ["CMD", "redis-cli", "ping"]
                          interval: ${CHECK_EVERY:-10s}
                    """,
                ".env": "DOCKER_SOCKET=/var/run/docker.sock\nHTTP_PORT=8080\n",
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    public func judgeParts(of service: Service, in project: Project) -> [PartVerdict] {
        service.refusals.map { refusal in
            let place = refusal.location
            let subject = Subject.item(kind: "value", key: "\(place.path):\(place.range.start)")
            let message = "Service `\(service.name)`: \(refusal.message)"
            // Unset variables a committed example documents (immich's `example.env` sets UPLOAD_LOCATION): the
            // checkout lacks its `.env`, a setup step, said as information.
            if refusal.dependsOnVariables, let note = Self.documentedSetup(of: place, in: project) {
                return PartVerdict(subject, .fails(Violation(message + note, at: place, severity: .info)), isShared: true)
            }
            // A value from an `x-` anchor is one place however many services use it.
            return PartVerdict(subject, .fails(Violation(message, at: place, severity: refusal.dependsOnVariables ? .medium : nil)), isShared: true)
        }
    }

    /// What to add when every unset variable of the value at `place` is in a committed example env file.
    static func documentedSetup(of place: SourceLocation, in project: Project) -> String? {
        let unset = Set(project.model.unresolvedVariables.filter {
            $0.location.path == place.path && $0.location.range.start >= place.range.start && $0.location.range.end <= place.range.end
        }.map(\.value))
        guard !unset.isEmpty else { return nil }
        let examples = unset.sorted().map { EnvironmentExamples.documenting($0, in: project) }
        guard let example = examples.first ?? nil, examples.allSatisfy({ $0 != nil }) else { return nil }
        return "; `\(example)` documents \(unset.sorted().map { "`\($0)`" }.joined(separator: ", ")): copy it to `.env` and fill it in"
    }
}
