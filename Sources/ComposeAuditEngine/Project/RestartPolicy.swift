import ComposeAuditCore
import ComposeAuditSyntax

extension Project {
    /// Whether Docker starts the service again after it exits or the host reboots: `restart:` other than `"no"`,
    /// `deploy.restart_policy`, or a swarm service (`deploy.replicas`, `mode` or `placement`), which restarts by default.
    public func restarts(_ service: Service) -> Bool {
        if let restart = service.restart?.value, !restart.isEmpty, restart != "no" { return true }
        if service.hasRestartPolicyInDeploy { return true }
        guard let tree = composeFiles.last(where: { $0.source.path == service.location.path }),
              let body = serviceBodies[service.location], let deploy = tree.value(body, forKey: "deploy") else { return false }
        return Self.swarmKeys.contains { tree.value(deploy, forKey: $0) != nil }
    }

    /// `deploy:` keys only a swarm reads: its services restart unless told otherwise.
    static let swarmKeys = ["replicas", "mode", "placement"]
}
