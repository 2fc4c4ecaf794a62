/// The security standards a rule relates to: controls of the CIS Docker Benchmark v1.6.0 (sections 4 and 5), items
/// of the OWASP Docker Top 10 and CWE weaknesses, written in each rule's description (docs/standards.md shows the
/// whole map). Rules about consistency, operations or build hygiene often relate to none.
public struct StandardReferences: Sendable, Hashable {
    public var cis: [String]
    public var owasp: [String]
    public var cwe: [Int]

    public init(cis: [String] = [], owasp: [String] = [], cwe: [Int] = []) {
        self.cis = cis
        self.owasp = owasp
        self.cwe = cwe
    }

    public var isEmpty: Bool { cis.isEmpty && owasp.isEmpty && cwe.isEmpty }

    /// `CIS 5.4; OWASP D04; CWE-250`.
    public var summary: String {
        [cis.isEmpty ? nil : "CIS " + cis.joined(separator: ", "), owasp.isEmpty ? nil : "OWASP " + owasp.joined(separator: ", "),
         cwe.isEmpty ? nil : cwe.map { "CWE-\($0)" }.joined(separator: ", ")].compactMap { $0 }.joined(separator: "; ")
    }
}

/// The items of the standards, with what files can show of each CIS control.
public enum SecurityStandards {
    /// How far a CIS control can be judged from a project's files.
    public enum Coverage: Sendable, Hashable {
        case checked
        /// Rules check part of it; the text says what is left.
        case partly(String)
        /// Files cannot show it (the host, the daemon, a registry, commands run later); the text says why.
        case notCheckable(String)
        /// Files could show it, but no rule checks it yet, or the tool does not on purpose; the text says which.
        case notChecked(String)

        public var name: String {
            switch self {
            case .checked: "checked"
            case .partly: "partly checked"
            case .notCheckable: "not checkable from files"
            case .notChecked: "not checked"
            }
        }

        public var note: String {
            switch self {
            case .checked: ""
            case .partly(let text), .notCheckable(let text), .notChecked(let text): text
            }
        }
    }

    public struct Control: Sendable {
        public var id: String
        public var title: String
        public var coverage: Coverage
    }

    public struct Item: Sendable {
        public var id: String
        public var title: String
    }

    public static let cisName = "CIS Docker Benchmark"
    public static let cisVersion = "1.6.0"
    public static let owaspName = "OWASP Docker Top 10"
    public static let cweName = "CWE"

    static func control(_ id: String, _ title: String, _ coverage: Coverage = .checked) -> Control {
        Control(id: id, title: title, coverage: coverage)
    }

    /// Sections 4 (container images and build file) and 5 (container runtime).
    public static let cisControls: [Control] = [
        control("4.1", "Ensure that a user for the container has been created"),
        control("4.2", "Ensure that containers use only trusted base images",
                .partly("images from registries outside the allowed list and unpinned tags are reported; whether a publisher is trusted is a judgement")),
        control("4.3", "Ensure that unnecessary packages are not installed in the container",
                .partly("apt-get without --no-install-recommends is reported; which packages are needed is the author's to judge")),
        control("4.4", "Ensure images are scanned and rebuilt to include security patches",
                .notCheckable("needs a vulnerability scanner and the built image")),
        control("4.5", "Ensure Content trust for Docker is Enabled", .notCheckable("a setting of the Docker client's environment")),
        control("4.6", "Ensure that HEALTHCHECK instructions have been added to container images"),
        control("4.7", "Ensure update instructions are not used alone in the Dockerfile",
                .partly("for apt-get and apk: package lists an update leaves in its layer are reported (CA407, CA417)")),
        control("4.8", "Ensure setuid and setgid permissions are removed", .notCheckable("needs the built image's files")),
        control("4.9", "Ensure that COPY is used instead of ADD in Dockerfiles"),
        control("4.10", "Ensure secrets are not stored in Dockerfiles"),
        control("4.11", "Ensure only verified packages are installed",
                .notChecked("switches that turn off package signature checks (--allow-unauthenticated, --nogpgcheck) are not reported yet")),
        control("4.12", "Ensure all signed artifacts are validated", .notCheckable("signatures are checked against a registry when images are pulled")),
        control("5.1", "Ensure swarm mode is not Enabled, if not needed", .notCheckable("a setting of the Docker host")),
        control("5.2", "Ensure that, if applicable, an AppArmor Profile is enabled",
                .partly("apparmor:unconfined is reported; the host's default profile applies otherwise")),
        control("5.3", "Ensure that, if applicable, SELinux security options are set",
                .partly("label:disable is reported; whether SELinux runs is the host's")),
        control("5.4", "Ensure that Linux kernel capabilities are restricted within containers"),
        control("5.5", "Ensure that privileged containers are not used"),
        control("5.6", "Ensure sensitive host system directories are not mounted on containers"),
        control("5.7", "Ensure sshd is not run within containers", .notChecked("an sshd started by a service's command is not reported yet")),
        control("5.8", "Ensure privileged ports are not mapped within containers",
                .notChecked("on purpose: a reverse proxy publishing 80 and 443 is the common, correct setup")),
        control("5.9", "Ensure that only needed ports are open on the container",
                .partly("published database, cache and admin ports are reported; which web ports are needed is the author's to judge")),
        control("5.10", "Ensure that the host's network namespace is not shared"),
        control("5.11", "Ensure that the memory usage for containers is limited"),
        control("5.12", "Ensure that CPU priority is set appropriately on containers",
                .partly("a missing CPU limit is reported with the memory limit; cpu_shares is not judged")),
        control("5.13", "Ensure that the container's root filesystem is mounted as read only",
                .partly("opt-in (`--extend-select hardening`): most images write outside their volumes")),
        control("5.14", "Ensure that incoming container traffic is bound to a specific host interface",
                .partly("reported for sensitive ports published on every interface")),
        control("5.15", "Ensure that the 'on-failure' container restart policy is set to '5'",
                .partly("a missing restart policy is reported; compose-audit recommends unless-stopped for servers, not on-failure:5")),
        control("5.16", "Ensure that the host's process namespace is not shared"),
        control("5.17", "Ensure that the host's IPC namespace is not shared"),
        control("5.18", "Ensure that host devices are not directly exposed to containers",
                .partly("opt-in (`--extend-select hardening` or `--select cis`): media and home-automation services need their devices")),
        control("5.19", "Ensure that the default ulimit is overwritten at runtime if needed",
                .notChecked("on purpose: the daemon's default ulimits suit most services")),
        control("5.20", "Ensure mount propagation mode is not set to shared"),
        control("5.21", "Ensure that the host's UTS namespace is not shared"),
        control("5.22", "Ensure the default seccomp profile is not Disabled"),
        control("5.23", "Ensure that docker exec commands are not used with the privileged option",
                .notCheckable("`docker exec` is run by people, not written in the project")),
        control("5.24", "Ensure that docker exec commands are not used with the user=root option",
                .notCheckable("`docker exec` is run by people, not written in the project")),
        control("5.25", "Ensure that cgroup usage is confirmed", .notChecked("`cgroup_parent` is not reported yet")),
        control("5.26", "Ensure that the container is restricted from acquiring additional privileges"),
        control("5.27", "Ensure that container health is checked at runtime"),
        control("5.28", "Ensure that Docker commands always make use of the latest version of their image",
                .notCheckable("a habit of the people who pull images; pinned tags are reported instead")),
        control("5.29", "Ensure that the PIDs cgroup limit is used",
                .partly("opt-in (`--extend-select hardening` or `--select cis`): it fires on almost every service")),
        control("5.30", "Ensure that Docker's default bridge 'docker0' is not used",
                .partly("services that share one network without need are reported; Compose gives each project its own network, not docker0")),
        control("5.31", "Ensure that the host's user namespaces are not shared"),
        control("5.32", "Ensure that the Docker socket is not mounted inside any containers"),
    ]

    public static let owaspItems: [Item] = [
        Item(id: "D01", title: "Secure User Mapping"),
        Item(id: "D02", title: "Patch Management Strategy"),
        Item(id: "D03", title: "Network Segmentation and Firewalling"),
        Item(id: "D04", title: "Secure Defaults and Hardening"),
        Item(id: "D05", title: "Maintain Security Contexts"),
        Item(id: "D06", title: "Protect Secrets"),
        Item(id: "D07", title: "Resource Protection"),
        Item(id: "D08", title: "Container Image Integrity and Origin"),
        Item(id: "D09", title: "Follow Immutable Paradigm"),
        Item(id: "D10", title: "Logging"),
    ]

    /// The weaknesses rules name, with MITRE's titles.
    public static let cweTitles: [Int: String] = [
        250: "Execution with Unnecessary Privileges",
        252: "Unchecked Return Value",
        269: "Improper Privilege Management",
        306: "Missing Authentication for Critical Function",
        400: "Uncontrolled Resource Consumption",
        456: "Missing Initialization of a Variable",
        538: "Insertion of Sensitive Information into Externally-Accessible File or Directory",
        653: "Improper Isolation or Compartmentalization",
        668: "Exposure of Resource to Wrong Sphere",
        693: "Protection Mechanism Failure",
        732: "Incorrect Permission Assignment for Critical Resource",
        754: "Improper Check for Unusual or Exceptional Conditions",
        770: "Allocation of Resources Without Limits or Throttling",
        778: "Insufficient Logging",
        798: "Use of Hard-coded Credentials",
        829: "Inclusion of Functionality from Untrusted Control Sphere",
        1357: "Reliance on Insufficiently Trustworthy Component",
        1392: "Use of Default Credentials",
    ]
}
