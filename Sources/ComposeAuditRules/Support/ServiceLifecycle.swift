import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

extension Project {
    /// Services something waits for to complete (`condition: service_completed_successfully`): one-shot jobs.
    var awaitedJobs: Set<String> {
        memo.value("awaitedJobs") {
            Set(services.flatMap { $0.dependsOn.filter { $0.condition == "service_completed_successfully" }.map(\.service) })
        }
    }

    /// A one-shot job (`restart: "no"`, or one that something waits for to complete) is not long-running.
    func isLongRunning(_ service: Service) -> Bool {
        if let restart = service.restart?.value, restart == "no" { return false }
        return !awaitedJobs.contains(service.name)
    }

    /// The final stage's `HEALTHCHECK` (inherited stages included), unless it is `HEALTHCHECK NONE`.
    func imageHealthcheck(of service: Service) -> Instruction? {
        guard let build = build(of: service.name), let dockerfile = build.dockerfile, let stage = build.finalStage,
              let instruction = dockerfile.inheritedInstructions(of: stage).last(where: { $0.keyword == "HEALTHCHECK" }) else {
            return nil
        }
        return instruction.arguments.uppercased().hasPrefix("NONE") ? nil : instruction
    }

    /// Whether the service defines a health check (compose or image) that is not disabled.
    func hasHealthcheck(_ service: Service) -> Bool {
        if let check = service.healthcheck { return !check.isDisabled }
        if imageHealthcheck(of: service) != nil { return true }
        return runtimeImage(of: service).flatMap(ImageCatalogue.family(of:))?.hasBuiltInHealthcheck ?? false
    }
}
