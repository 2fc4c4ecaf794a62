import ArgumentParser
import ComposeAuditSyntax

/// The limits that keep hostile input from exhausting time or memory (README, "Limits").
struct InputLimits: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: "Largest file read, in MiB.")
    var maximumFileSizeMiB: Int = 64

    @Option(name: .customLong("max-depth"), help: "Deepest YAML nesting accepted.")
    var maximumDepth: Int = 10_000

    @Option(name: .customLong("max-alias-expansion"), help: "Most YAML nodes a document may expand to through aliases.")
    var maximumAliasExpansion: Int = 1_000_000

    func validate() throws {
        guard maximumFileSizeMiB > 0, maximumDepth > 0, maximumAliasExpansion > 0 else {
            throw ValidationError("limits must be positive")
        }
    }

    var maximumFileSize: Int { maximumFileSizeMiB << 20 }

    var yaml: YAMLLimits { YAMLLimits(maximumDepth: maximumDepth, maximumExpandedNodes: maximumAliasExpansion) }
}
