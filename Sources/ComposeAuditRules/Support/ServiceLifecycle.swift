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

    /// Whether a service runs for good (a server, a worker) rather than a one-shot job that does its work and exits.
    func isLongRunning(_ service: Service) -> Bool { role(of: service).isLongRunning }

    /// Why a service looks like a one-shot job (setup, migrations, init), strongest evidence first: `restart: "no"`,
    /// something waiting for it to complete, a migration command, and, last, its name. `restart: always` or
    /// `unless-stopped` means it runs for good, whatever its name; `on-failure` alone says nothing (gateways and
    /// servers use it too, measured on the corpus: Kong).
    func oneShotEvidence(of service: Service) -> String? {
        if let restart = service.restart?.value {
            if restart == "no" { return "`restart: \"no\"`" }
            if restart == "always" || restart == "unless-stopped" { return nil }
        }
        if awaitedJobs.contains(service.name) { return "a service waits for it to complete" }
        let words = invocations(of: service).filter { !$0.isFromDockerfile }.flatMap(\.simpleCommands).flatMap { $0 }
        if words.contains(where: { Self.migrationWords.contains($0) }) { return "it runs migrations" }
        let parts = PathName.words(of: service.name)
        if parts.contains(where: Self.jobNames.contains) { return "its name" }
        return nil
    }

    /// Command words that run a migration and exit (`manage.py migrate`, `rails db:migrate`, `alembic upgrade`).
    static let migrationWords: Set<String> = ["migrate", "db:migrate", "alembic"]
    /// Name parts of services that prepare something, or run a command someone gives them (`airflow-cli`), and exit.
    static let jobNames: Set<String> = ["setup", "init", "migrate", "migration", "migrations", "migrator", "bootstrap",
                                        "seed", "seeder", "createbuckets", "geoipupdate", "cli", "fix", "chown", "genkeys", "keygen"]

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
