/// Admin UIs that ship with default credentials, and how a compose file replaces them.
public struct AdminCredentialDefault: Sendable {
    public var imageNames: [String]
    public var product: String
    /// Variables that set the admin password (any one set to a non-weak value is enough).
    public var passwordVariables: [String]
    /// Command-line flags that set it instead.
    public var passwordFlags: [String]
    /// The password used when nothing is set (nil when the product asks the first visitor instead).
    public var defaultPassword: String?
}

public enum AdminCredentials {
    public static let all: [AdminCredentialDefault] = [
        AdminCredentialDefault(imageNames: ["grafana", "grafana-oss", "grafana-enterprise"], product: "Grafana",
                               passwordVariables: ["GF_SECURITY_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD__FILE"],
                               passwordFlags: [], defaultPassword: "admin"),
        AdminCredentialDefault(imageNames: ["pgadmin4"], product: "pgAdmin",
                               passwordVariables: ["PGADMIN_DEFAULT_PASSWORD", "PGADMIN_DEFAULT_PASSWORD_FILE"],
                               passwordFlags: [], defaultPassword: nil),
        AdminCredentialDefault(imageNames: ["portainer", "portainer-ce", "portainer-ee"], product: "Portainer",
                               passwordVariables: [], passwordFlags: ["--admin-password", "--admin-password-file"],
                               defaultPassword: nil),
        AdminCredentialDefault(imageNames: ["rabbitmq"], product: "RabbitMQ",
                               passwordVariables: ["RABBITMQ_DEFAULT_PASS", "RABBITMQ_DEFAULT_PASS_FILE"],
                               passwordFlags: [], defaultPassword: "guest"),
        AdminCredentialDefault(imageNames: ["minio"], product: "MinIO",
                               passwordVariables: ["MINIO_ROOT_PASSWORD", "MINIO_ROOT_PASSWORD_FILE", "MINIO_SECRET_KEY"],
                               passwordFlags: [], defaultPassword: "minioadmin"),
        AdminCredentialDefault(imageNames: ["mongo-express"], product: "mongo-express",
                               passwordVariables: ["ME_CONFIG_BASICAUTH_PASSWORD"], passwordFlags: [], defaultPassword: "pass"),
    ]

    public static func entry(for image: String) -> AdminCredentialDefault? {
        let name = ImageReference(image).name
        return all.first { $0.imageNames.contains(name) }
    }
}
