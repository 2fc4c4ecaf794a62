import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// CA211: an admin UI left with its default credentials.
public struct DefaultAdminCredentialsRule: ServiceRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CA211", name: "default-admin-credentials", category: .security, severity: .high,
        subject: "admin UI",
        standards: StandardReferences(owasp: ["D06"], cwe: [1392]),
        summary: "A known admin UI runs with default or guessable credentials (Grafana admin/admin, RabbitMQ guest/guest, MinIO minioadmin, pgAdmin, Portainer, mongo-express)",
        rationale: """
            Default credentials are published in every tutorial and tried by every scanner. Grafana \
            without `GF_SECURITY_ADMIN_PASSWORD` is admin/admin; RabbitMQ without `RABBITMQ_DEFAULT_PASS` \
            is guest/guest; MinIO without `MINIO_ROOT_PASSWORD` is minioadmin; Portainer without \
            `--admin-password-file` lets the first visitor choose. Values coming from `.env` count too: \
            a `.env` that sets `admin` is a default password.
            """,
        triggering: [
            RuleExample("grafana with nothing set, rabbitmq guest from .env", files: [
                "compose.yaml": """
                    services:
                      ↓grafana:
                        image: grafana/grafana:11.2.0
                      mq:
                        image: rabbitmq:3.13-management
                        environment:
                          RABBITMQ_DEFAULT_USER: app
                          ↓RABBITMQ_DEFAULT_PASS: ${MQ_PASSWORD}
                    """,
                ".env": "MQ_PASSWORD=guest\n",
            ]),
        ],
        nonTriggering: [
            RuleExample("passwords from variables and files", files: [
                "compose.yaml": """
                    services:
                      grafana:
                        image: grafana/grafana:11.2.0
                        environment:
                          GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin
                      portainer:
                        image: portainer/portainer-ce:2.21.0
                        command: --admin-password-file /run/secrets/portainer
                      minio:
                        image: minio/minio:RELEASE.2024-08-17T01-24-54Z
                        environment:
                          MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD}
                    """,
                ".env": "MINIO_ROOT_PASSWORD=Zr8w-q1T7-mm2K\n",
            ]),
        ],
        lowersInDevelopmentStacks: true
    )

    public func judge(_ service: Service, in project: Project) -> Verdict {
        guard let image = project.runtimeImage(of: service), let product = ImageCatalogue.family(of: image)?.admin else { return .notApplicable }
        let words = project.invocations(of: service).flatMap(\.simpleCommands).flatMap { $0 }
        if words.contains(where: { word in product.passwordFlags.contains { word == $0 || word.hasPrefix($0 + "=") } }) { return .passes }
        let set = service.environment.filter { product.passwordVariables.contains($0.name) && $0.value != nil }
        if set.isEmpty {
            let fallback = product.defaultPassword.map { "its default password `\($0)`" } ?? "no admin password (the first visitor sets it)"
            return .fails(Violation("Service `\(service.name)` runs \(product.product) with \(fallback)", at: service.location))
        }
        return .judged(set.compactMap { variable in
            // A required variable that is not set yet (`${X:?…}`) is not a weak password.
            guard !variable.name.hasSuffix("_FILE"), let text = variable.value, !(text.hasVariables && text.value.isEmpty),
                  Secrets.isWeak(text.value) else { return nil }
            return Violation("Service `\(service.name)` runs \(product.product) with the guessable admin password `\(text.value)`",
                             at: variable.location)
        })
    }
}
