import ComposeAuditEngine
import ComposeAuditSyntax

/// The shell that runs a stage's `RUN` scripts, as ShellCheck names it: the `SHELL` in effect, else the base
/// image's `/bin/sh` (dash on Debian and Ubuntu, BusyBox on Alpine, bash on the Red Hat family).
enum ShellDialect: Equatable {
    case bash, dash, busybox, ksh
    /// A POSIX shell the tool cannot name: ShellCheck reads the script as `sh`, but its findings about what
    /// plain POSIX lacks (SC3xxx) are left out, since the image's `sh` may well be bash.
    case unknownPOSIX

    var shellCheckName: String {
        switch self {
        case .bash: "bash"
        case .dash: "dash"
        case .ksh: "ksh"
        case .busybox, .unknownPOSIX: "sh"
        }
    }

    /// Whether ShellCheck's portability findings (SC3000-SC3999) are about this shell: not for BusyBox, whose `ash`
    /// has much of bash (`[[ ]]`, `source`, `pipefail`, process substitution) that ShellCheck's `sh` lacks.
    var reportsPortability: Bool { self != .unknownPOSIX && self != .busybox }

    /// The dialect of a shell program (`/bin/bash`, `sh`), nil when it is no shell ShellCheck reads.
    static func shell(_ word: String, image: String) -> ShellDialect? {
        switch ShellCommand.basename(word) {
        case "bash": .bash
        case "dash": .dash
        case "ash": .busybox
        case "ksh", "mksh": .ksh
        case "sh": systemShell(of: image)
        default: nil
        }
    }

    /// The shell a `RUN` uses: the last of its stage's `SHELL`s (own and inherited, in file order) before it, else
    /// the root image's `/bin/sh`.
    static func of(_ instruction: Instruction, shells: [Instruction], image: String) -> ShellDialect? {
        if let shellInstruction = shells.last(where: { $0.range.start < instruction.range.start }) {
            guard let program = shellInstruction.execForm?.first else { return nil }
            return shell(program, image: image)
        }
        return systemShell(of: image)
    }

    static let debianReleases = ["bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal"]
    /// Official images whose default tags are Debian or Ubuntu.
    static let debianBasedImages: Set<String> = [
        "debian", "ubuntu", "buildpack-deps", "node", "python", "golang", "ruby", "php", "perl", "rust", "openjdk",
        "eclipse-temurin", "maven", "gradle", "nginx", "httpd", "postgres", "redis", "mariadb", "elixir",
        "erlang", "haskell", "julia", "r-base", "gcc", "swift", "dart", "mongo", "rabbitmq", "wordpress",
    ]
    static let redHatImages: Set<String> = ["fedora", "centos", "rockylinux", "almalinux", "amazonlinux", "oraclelinux"]

    /// `/bin/sh` of an image, nil for images without a POSIX shell (Windows, scratch, distroless).
    static func systemShell(of image: String) -> ShellDialect? {
        let reference = ImageReference(image)
        let tag = reference.tag?.lowercased() ?? ""
        switch NonRootUserFix.family(of: image) {
        case .distroless: return nil
        case .alpine: return .busybox
        case .debian, .node: break
        }
        if reference.isWindows { return nil }
        if redHatImages.contains(reference.name) || reference.name.hasPrefix("ubi") { return .bash }
        if debianBasedImages.contains(reference.name) && reference.namespace == nil || debianReleases.contains(where: tag.contains) {
            return .dash
        }
        return .unknownPOSIX
    }
}
