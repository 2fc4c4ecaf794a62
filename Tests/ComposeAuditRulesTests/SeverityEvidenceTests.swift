import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import Testing

/// Severity follows evidence (issue #18): a secret file in a build context is critical where the build can copy it
/// into an image, and medium where it only reaches the builder.
@Suite("Severity from evidence")
struct SeverityEvidenceTests {
    static func severity(_ dockerfile: String, extra: [String: String] = [:]) throws -> [Severity] {
        let files = ["compose.yaml": "services:\n  app:\n    build: .\n", "Dockerfile": dockerfile, "config/.env": "DB_PASSWORD=x\n"]
        return try findings(of: SecretsInBuildContextRule.self, in: files.merging(extra) { $1 }).map(\.severity)
    }

    @Test(arguments: [
        ("FROM alpine:3.20\nCOPY . /app\n", Severity.critical),
        ("FROM alpine:3.20\nCOPY ./ /app/\n", .critical),
        ("FROM alpine:3.20\nCOPY config /app/config\n", .critical),
        ("FROM alpine:3.20\nADD config/.env /app/\n", .critical),
        ("FROM alpine:3.20\nCOPY conf* /app/\n", .critical),
        ("FROM alpine:3.20\nCOPY config/*.env /app/\n", .critical),
        ("FROM alpine:3.20\nCOPY src/gradlew* src/*.gradle /app/\n", .medium),
        ("FROM alpine:3.20\nARG V=1\nADD https://example.com/$V/agent.jar /app/\nCOPY src/config/${MIX_ENV}.exs /app/\n", .medium),
        ("FROM alpine:3.20\nCOPY config/${NAME} /app/\n", .critical),
        ("FROM alpine:3.20\nCOPY $SRC /app/\n", .critical),
        ("FROM alpine:3.20\nRUN --mount=type=bind,target=/src cp -r /src /app\n", .critical),
        ("FROM alpine:3.20\nRUN --mount=type=bind,source=config,target=/c cp -r /c /app\n", .critical),
        ("FROM alpine:3.20\nRUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=cache,target=/root/.cache uv sync\n", .medium),
        ("FROM alpine:3.20\nCOPY app.py requirements.txt /app/\n", .medium),
        ("FROM alpine:3.20 AS build\nCOPY --from=busybox:1.36 /bin/sh /sh\nCOPY configuration /app/\n", .medium),
    ])
    func aSecretIsCriticalWhereTheBuildCanCopyIt(dockerfile: String, expected: Severity) throws {
        #expect(try Self.severity(dockerfile) == [expected], "\(dockerfile)")
    }

    /// CA206: capabilities that reach the host without opening the container are medium, the others high.
    @Test func hostReachingCapabilitiesAreMedium() throws {
        let compose = "services:\n  app:\n    image: example/app:1\n    cap_add: [SYS_TIME, CAP_SYSLOG, SYS_ADMIN, SYS_NICE]\n"
        let found = try findings(of: DangerousCapabilitiesRule.self, in: ["compose.yaml": compose])
        #expect(found.map { "\($0.severity)" } == ["medium", "medium", "high"], "\(found.map(\.message))")
    }

    /// CA206: NET_ADMIN and SYS_PTRACE reach the container's own namespace (medium) unless it shares the host's; an
    /// image that cannot work without NET_ADMIN (WireGuard, Pi-hole's DHCP) or SYS_PTRACE (Metricbeat's process
    /// metrics) in its own namespace makes it information, on the host's only an image that asks for the host's
    /// namespace too (a host firewall), and SYS_MODULE stays high.
    @Test(arguments: [
        ("example/dns:1.0", "NET_ADMIN, SYS_PTRACE", [Severity.medium, .medium], [Severity.high, .high]),
        ("lscr.io/linuxserver/wireguard:1.0.20210914", "NET_ADMIN, SYS_MODULE", [.info, .high], [.high, .high]),
        ("docker.elastic.co/beats/metricbeat:8.15.0", "SYS_PTRACE, NET_ADMIN", [.info, .medium], [.high, .high]),
        ("crazymax/fail2ban:1.1.0", "NET_ADMIN, SYS_PTRACE", [.info, .medium], [.info, .high]),
    ])
    func namespaceCapabilitiesFollowTheNamespaceAndTheImage(image: String, capabilities: String, own: [Severity], host: [Severity]) throws {
        let compose = "services:\n  app:\n    image: \(image)\n    cap_add: [\(capabilities)]\n"
        #expect(try findings(of: DangerousCapabilitiesRule.self, in: ["compose.yaml": compose]).map(\.severity) == own)
        let shared = compose + "    network_mode: host\n    pid: host\n"
        #expect(try findings(of: DangerousCapabilitiesRule.self, in: ["compose.yaml": shared]).map(\.severity) == host)
    }

    /// CA307: a literal worker count in a compose command is low (the deployment's own file), in the image's CMD
    /// medium, and high wherever the service sets the variable the command ignores.
    @Test func aWorkerCountInTheComposeFileIsLow() throws {
        let compose = "services:\n  web:\n    image: example/app:1.0\n    command: gunicorn -w 3 -b 0.0.0.0:8000 app:app\n"
        #expect(try findings(of: HardcodedWorkerCountRule.self, in: ["compose.yaml": compose]).map(\.severity) == [.low])
        let ignored = compose + "    environment:\n      WEB_CONCURRENCY: 2\n"
        #expect(try findings(of: HardcodedWorkerCountRule.self, in: ["compose.yaml": ignored]).map(\.severity) == [.high])
        let image = ["compose.yaml": "services:\n  web:\n    build: .\n",
                     "Dockerfile": "FROM python:3.12-slim\nUSER nobody\nCMD [\"gunicorn\", \"-w\", \"3\", \"app:app\"]\n"]
        #expect(try findings(of: HardcodedWorkerCountRule.self, in: image).map(\.severity) == [.medium])
    }

    /// CA216: `label=disable` next to a mounted Docker socket is what the socket needs on SELinux hosts; CA203 reports
    /// the socket, so this is information (one finding a cause).
    @Test func labelDisableForTheDockerSocketIsInformation() throws {
        let compose = "services:\n  logs:\n    image: timberio/vector:0.39.0-alpine\n    security_opt: [\"label=disable\"]\n"
        let socket = compose + "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"
        #expect(try findings(of: ConfinementDisabledRule.self, in: ["compose.yaml": socket]).map(\.severity) == [.info])
        #expect(try findings(of: ConfinementDisabledRule.self, in: ["compose.yaml": compose]).map(\.severity) == [.high])
        // supabase's Vector: the socket's host path is a variable its example env sets.
        let variable = compose + "    volumes:\n      - ${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z\n"
        #expect(try findings(of: ConfinementDisabledRule.self, in: ["compose.yaml": variable]).map(\.severity) == [.info])
    }

    /// CA502: Portainer writes `stack.env` when it deploys a stack: information, not a missing file.
    @Test func portainersStackEnvIsInformation() throws {
        let compose = "services:\n  app:\n    image: example/app:1\n    env_file: [stack.env, app.env]\n"
        let found = try findings(of: MissingEnvFileRule.self, in: ["compose.yaml": compose])
        #expect(found.map(\.severity) == [.info, .high], "\(found.map(\.message))")
    }

    /// CA512: a value Compose refuses because a variable is unset is information when a committed example env file
    /// documents the variable (immich's `example.env`): copying it to `.env` is the documented setup.
    @Test func aRefusedValueFromADocumentedVariableIsInformation() throws {
        let compose = "services:\n  app:\n    image: example/app:1\n    volumes:\n      - ${UPLOAD_LOCATION}:/data\n"
        let documented = try findings(of: RefusedValueRule.self, in: ["compose.yaml": compose, "example.env": "UPLOAD_LOCATION=./library\n"])
        #expect(documented.map(\.severity) == [.info])
        #expect(documented.first?.message.hasSuffix("`example.env` documents `UPLOAD_LOCATION`: copy it to `.env` and fill it in") == true,
                "\(documented.map(\.message))")
        let undocumented = try findings(of: RefusedValueRule.self, in: ["compose.yaml": compose])
        #expect(undocumented.map(\.severity) == [.medium])
    }

    /// CA507: a missing writable data folder of a service that starts as root is what its first start fills
    /// (uptime-kuma's `./data`, paperless's `./consume`): information. A file, configuration, a read-only mount or
    /// a service running unprivileged keeps the finding.
    @Test(arguments: [
        ("image: louislam/uptime-kuma:1.23", "./data:/app/data", Severity.info),
        ("image: example/app:1.0", "./consume:/usr/src/paperless/consume", .info),
        ("image: example/app:1.0", "./data:/app/data:ro", .low),
        ("image: example/app:1.0", "./conf:/etc/app", .low),
        ("image: example/app:1.0", "./initdb:/docker-entrypoint-initdb.d", .low),
        ("image: example/app:1.0", "./settings.yml:/app/settings", .low),
        ("image: example/app:1.0", "./app.yml:/app/app.yml", .low),
        ("image: example/app:1.0\n    user: \"1000\"", "./data:/app/data", .low),
        ("image: grafana/grafana:11.2.0", "./data:/var/lib/grafana", .low),
    ])
    func aDataFolderARootServiceFillsIsInformation(image: String, mount: String, expected: Severity) throws {
        let compose = "services:\n  app:\n    \(image)\n    volumes:\n      - \(mount)\n"
        let found = try findings(of: MissingBindSourceRule.self, in: ["compose.yaml": compose])
        #expect(found.map(\.severity) == [expected], "\(mount): \(found.map(\.message))")
    }

    /// CA223: `exec` on a tmpfs `/run` is what init systems need (jitsi's s6-overlay images): information; on `/tmp`,
    /// or `suid` anywhere, low.
    @Test func execOnRunIsInformation() throws {
        let compose = "services:\n  web:\n    image: jitsi/web:stable\n    tmpfs:\n      - /run:exec\n      - /tmp:exec\n      - /var/run:exec,suid\n"
        let found = try findings(of: TmpfsAllowsExecRule.self, in: ["compose.yaml": compose])
        #expect(found.map(\.severity) == [.info, .low, .low], "\(found.map(\.message))")
    }

    /// CA208: a published redis without a password is medium; one a neighbour that is not its client could reach
    /// over the project network is low.
    @Test func aRedisOnlyTheNetworkReachesIsLow() throws {
        let shared = "services:\n  cache:\n    image: redis:7\n  web:\n    image: nginx:1.27\n"
        #expect(try findings(of: RedisWithoutPasswordRule.self, in: ["compose.yaml": shared]).map(\.severity) == [.low])
        let published = "services:\n  cache:\n    image: redis:7\n    ports: [\"6379:6379\"]\n"
        #expect(try findings(of: RedisWithoutPasswordRule.self, in: ["compose.yaml": published]).map(\.severity) == [.medium])
        // frappe's devcontainer-example: a development stack's network is the developer's machine.
        #expect(try findings(of: RedisWithoutPasswordRule.self, in: [".devcontainer/compose.yaml": shared], root: ".devcontainer").map(\.severity) == [.info])
        let publishedInDevelopment = try findings(of: RedisWithoutPasswordRule.self, in: [".devcontainer/compose.yaml": published], root: ".devcontainer")
        #expect(publishedInDevelopment.map(\.severity) == [.medium])
    }

    /// CA204: a host namespace the image's documentation asks for (Plex's network, Playwright's IPC) is
    /// information; another one of the same service, or the same one for another image, stays high.
    @Test func aHostNamespaceTheImageDocumentsIsInformation() throws {
        let plex = "services:\n  plex:\n    image: lscr.io/linuxserver/plex:1.41.0\n    network_mode: host\n    pid: host\n"
        #expect(try findings(of: HostNamespaceSharedRule.self, in: ["compose.yaml": plex]).map(\.severity) == [.info, .high])
        let other = "services:\n  app:\n    image: example/app:1.0\n    network_mode: host\n"
        #expect(try findings(of: HostNamespaceSharedRule.self, in: ["compose.yaml": other]).map(\.severity) == [.high])
        // mailcow's netfilter writes the host's firewall; a `netfilter` image of another namespace is not known.
        let firewall = "services:\n  netfilter:\n    image: ghcr.io/mailcow/netfilter:1.64\n    network_mode: host\n"
        #expect(try findings(of: HostNamespaceSharedRule.self, in: ["compose.yaml": firewall]).map(\.severity) == [.info])
        let unknown = firewall.replacingOccurrences(of: "mailcow/netfilter", with: "example/netfilter")
        #expect(try findings(of: HostNamespaceSharedRule.self, in: ["compose.yaml": unknown]).map(\.severity) == [.high])
    }

    /// CA101: a cache image without a volume is critical when it is told to persist, information when nothing says
    /// what it holds (immich's job queue), and a database stays high.
    @Test(arguments: [
        ("image: redis:7\n    command: [\"redis-server\", \"--appendonly\", \"yes\"]", Severity.critical),
        ("image: docker.io/valkey/valkey:8-bookworm", .info),
        ("image: postgres:16", .high),
    ])
    func aCacheNothingAsksToPersistIsInformation(service: String, expected: Severity) throws {
        let compose = "services:\n  store:\n    \(service)\n"
        let found = try findings(of: StatefulServiceWithoutVolumeRule.self, in: ["compose.yaml": compose])
        #expect(found.map(\.severity) == [expected], "\(found.map(\.message))")
    }

    /// CA201: a base image named by a variable nothing sets (sentry's `${SENTRY_IMAGE}`) may set a user: the finding
    /// says what it assumed, as information; a known base keeps high.
    @Test func anUnknownBaseImageIsAnAssumption() throws {
        let compose = "services:\n  web:\n    build: .\n"
        let unknown = try findings(of: ContainerRunsAsRootRule.self, in: ["compose.yaml": compose, "Dockerfile": "ARG IMAGE\nFROM ${IMAGE}\nCOPY . /app\n"])
        #expect(unknown.map(\.severity) == [.info] && unknown.first?.message.contains("assumed") == true, "\(unknown.map(\.message))")
        let known = try findings(of: ContainerRunsAsRootRule.self, in: ["compose.yaml": compose, "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n"])
        #expect(known.map(\.severity) == [.high])
    }

    /// CA201: an image whose every service starts as root only to run its work as another user (sentry's cron image:
    /// the daemon runs each job through gosu) is information; one service that keeps root keeps the finding high.
    @Test(arguments: [
        ("    command: '\"0 0 * * * gosu sentry sentry cleanup --days 30\"'\n", "    command: [\"su-exec\", \"app\", \"./worker\"]\n", Severity.info),
        ("    command: sh -c \"exec setpriv --reuid=app --regid=app --init-groups ./server\"\n", "    command: [\"runuser\", \"-u\", \"app\", \"--\", \"./worker\"]\n", .info),
        ("    command: gosu root ./server\n", "    command: [\"su-exec\", \"app\", \"./worker\"]\n", .high),
        ("    command: '\"0 0 * * * gosu sentry sentry cleanup\"'\n", "    command: ./worker\n", .high),
        ("    command: sh -c \"command -v gosu && ./server\"\n", "    command: [\"su-exec\", \"app\", \"./worker\"]\n", .high),
    ])
    func anImageThatDropsToAnotherUserIsInformation(first: String, second: String, expected: Severity) throws {
        let compose = "services:\n  cleanup:\n    build: ./cron\n" + first + "  worker:\n    build: ./cron\n" + second
        let dockerfile = "FROM debian:12-slim\nUSER 0\nRUN apt-get update && apt-get install -y --no-install-recommends cron\n"
        let found = try findings(of: ContainerRunsAsRootRule.self, in: ["compose.yaml": compose, "cron/Dockerfile": dockerfile])
        #expect(found.map(\.severity) == [expected], "\(found.map(\.message))")
        // Where the work drops to its user, a `USER` in the image would stop the switch: no fix is offered.
        #expect(found.allSatisfy { ($0.fix == nil) == (expected == .info) })
    }
}
