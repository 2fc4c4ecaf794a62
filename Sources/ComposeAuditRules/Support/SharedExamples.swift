import ComposeAuditEngine

extension RuleExample {
    /// Services that do their work and exit, which the operations rules for long-running services leave alone.
    static let oneShotJobs = RuleExample("one-shot jobs: a migration command, services named like setup or geoipupdate", files: ["compose.yaml": """
            services:
              schema:
                image: example/api:1.0
                command: ["python", "manage.py", "migrate"]
              geoipupdate:
                image: maxmindinc/geoipupdate:v7.0
                restart: on-failure
              es-setup:
                image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
                command: bash /setup/users.sh
            """])
}
