import ComposeAuditCore
/// The keys the Compose Specification allows (Docker Compose v2/v5 refuses a file with any other,
/// except `x-` extensions).
enum ComposeSchema {
    static let topLevelKeys: Set<String> = ["version", "name", "include", "services", "networks", "volumes", "secrets",
                                            "configs", "models"]

    static let serviceKeys: Set<String> = [
        "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command",
        "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
        "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop",
        "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
        "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
        "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mac_address",
        "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks",
        "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "post_stop", "pre_start", "pre_stop",
        "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime",
        "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
        "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes",
        "volumes_from", "working_dir",
    ]

    /// Service keys Compose accepts without a value (`command:` alone); every other key needs one, and a key
    /// left empty (or holding only a comment) makes Compose refuse the file. Measured with `docker compose config`.
    static let serviceKeysAcceptingNull: Set<String> = ["command", "deploy", "develop", "entrypoint"]

    /// The known key `key` was probably meant as: the same letters without invisible characters, case or
    /// `-`/`_` differences, or one edit away.
    static func suggestion(for key: String, among known: Set<String>) -> String? {
        let visible = String(key.unicodeScalars.filter { !isInvisible($0) }).lowercased().replacingAll("-", with: "_")
        if known.contains(visible) { return visible }
        return known.sorted().first { isOneEditApart(visible, $0) }
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x00A0: true
        default: scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .control
        }
    }

    private static func isOneEditApart(_ a: String, _ b: String) -> Bool {
        min(a.utf8.count, b.utf8.count) >= 3 && Spelling.editDistance(a, b) <= 1
    }
}
