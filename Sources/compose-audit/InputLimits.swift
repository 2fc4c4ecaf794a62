import ArgumentParser
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditRules
import ComposeAuditSyntax

/// How `check`, `fix` and `baseline` read a project: the configuration file and the limits that keep
/// hostile input from exhausting time or memory (README, "Limits").
struct LoadOptions: ParsableArguments {
    @Option(help: "A configuration file (default: .compose-audit.yml in the project folder).")
    var config: String?

    @Option(name: .customLong("env-file"), help: ArgumentHelp("Read variables from this file instead of the project's .env (repeatable; later files win).", valueName: "file"))
    var envFiles: [String] = []

    @Option(name: .customLong("profile"), help: ArgumentHelp("Audit only services active under this profile, as `docker compose --profile` (repeatable; also COMPOSE_PROFILES). Default: every service.", valueName: "name"))
    var profiles: [String] = []

    @Option(name: .customLong("max-file-size"), help: "Largest file read, in MiB.")
    var maximumFileSizeMiB: Int = LoadSettings.defaults.maximumFileSizeMiB

    @Option(name: .customLong("max-depth"), help: "Deepest YAML nesting accepted.")
    var maximumDepth: Int = LoadSettings.defaults.maximumDepth

    @Option(name: .customLong("max-alias-expansion"), help: "Most YAML nodes a document may expand to through aliases.")
    var maximumAliasExpansion: Int = LoadSettings.defaults.maximumAliasExpansion

    func validate() throws {
        guard maximumFileSizeMiB > 0, maximumDepth > 0, maximumAliasExpansion > 0 else {
            throw ValidationError("limits must be positive")
        }
    }

    /// The parsed values, as a plain value the commands pass on.
    var settings: LoadSettings {
        LoadSettings(config: config, envFiles: envFiles, profiles: profiles, maximumFileSizeMiB: maximumFileSizeMiB,
                     maximumDepth: maximumDepth, maximumAliasExpansion: maximumAliasExpansion)
    }

    func loader(for folder: String, fileSystem: any FileSystem, environment: [String: String]) -> ProjectLoader {
        settings.loader(for: folder, fileSystem: fileSystem, environment: environment)
    }

    var fileSystem: LocalFileSystem { settings.fileSystem }
}

/// `LoadOptions` without the argument parser: what the quick path of `check` fills in itself.
struct LoadSettings: Sendable {
    var config: String?
    var envFiles: [String] = []
    var profiles: [String] = []
    var maximumFileSizeMiB = 64
    var maximumDepth = 10_000
    var maximumAliasExpansion = 1_000_000
    /// `--select`, `--extend-select`, `--ignore` layered over the configuration file.
    var selection = RuleSelection()
    /// What runs ShellCheck for CA423 (`check` sets it; nil: the rule judges nothing).
    var shellChecker: (any ShellScriptChecker)?

    /// The limits when no option changes them (also `LoadOptions`' defaults).
    static let defaults = LoadSettings()

    var maximumFileSize: Int { maximumFileSizeMiB << 20 }

    var yaml: YAMLLimits { YAMLLimits(maximumDepth: maximumDepth, maximumExpandedNodes: maximumAliasExpansion) }

    /// The loader for the project in `folder`, reading through `fileSystem` (the disk, or the fixer's overlay).
    func loader(for folder: String, fileSystem: any FileSystem, environment: [String: String]) -> ProjectLoader {
        var loader = ProjectLoader(fileSystem: fileSystem, environment: environment, yamlLimits: yaml,
                                   folderName: Console.folderName(of: folder))
        loader.configurationPath = config
        loader.knownRules = BuiltinRules.documented
        loader.ruleSelection = selection
        loader.envFilePaths = envFiles
        loader.shellChecker = shellChecker
        if !profiles.isEmpty {
            loader.activeProfiles = Set(profiles)
        } else if let names = environment["COMPOSE_PROFILES"], !names.isEmpty {
            loader.activeProfiles = Set(names.split(separator: ",").map { String($0.trimmingSpaces) })
        }
        return loader
    }

    var fileSystem: LocalFileSystem { LocalFileSystem(root: ".", maximumFileSize: maximumFileSize) }
}
