import ComposeAuditCore

/// `--name=value` on an instruction (`COPY --from=build`, `RUN --mount=...`).
public struct InstructionFlag: Sendable, Hashable {
    public var name: String
    public var value: String?
    public var range: TextRange
    /// The flag as BuildKit reads it (`--mount=type=cache,target=/root/.cache`, quotes removed).
    public var word: String
}

/// A heredoc body attached to RUN/COPY/ADD (`<<EOF ... EOF`).
public struct Heredoc: Sendable, Hashable {
    public var delimiter: String
    /// The text as written, line endings included (BuildKit's parser keeps it so).
    public var body: String
    public var range: TextRange
    /// `<<-EOF`: the build strips leading tabs from each line.
    public var stripsLeadingTabs: Bool = false

    /// What the build runs or writes: the body with `<<-` tabs stripped.
    public var effectiveBody: String {
        guard stripsLeadingTabs else { return body }
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop { $0 == "\t" } }
            .joined(separator: "\n")
    }
}

/// One Dockerfile instruction with the ranges a rule or a fix needs. A value type whose fields share one
/// box (copied on the first write): stages and rules copy instructions freely.
public struct Instruction: Sendable, Hashable {
    private var storage: Storage

    private struct Fields: Hashable {
        var keyword: String
        var range: TextRange
        var keywordRange: TextRange
        var flags: [InstructionFlag]
        var arguments: String
        var argumentsRange: TextRange
        var execForm: [String]? = nil
        var heredocs: [Heredoc]
        var escape: Character = "\\"
        var expandedArguments: String? = nil
        /// From offsets in `arguments` to offsets in the file (continuation lines removed in between).
        var argumentMap = LogicalTextMap()
    }

    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    init(keyword: String, range: TextRange, keywordRange: TextRange, flags: [InstructionFlag], arguments: String,
         argumentsRange: TextRange, execForm: [String]?, heredocs: [Heredoc], escape: Character = "\\",
         argumentMap: LogicalTextMap = LogicalTextMap()) {
        storage = Storage(Fields(keyword: keyword, range: range, keywordRange: keywordRange, flags: flags, arguments: arguments,
                                 argumentsRange: argumentsRange, execForm: execForm, heredocs: heredocs, escape: escape,
                                 argumentMap: argumentMap))
    }

    public static func == (lhs: Instruction, rhs: Instruction) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    /// Upper-cased keyword (`FROM`, `RUN`, ...).
    public var keyword: String {
        get { storage.fields.keyword }
        _modify { makeUnique(); yield &storage.fields.keyword }
    }
    /// From the keyword to the end of its last line (continuations and heredocs included, newline excluded).
    public var range: TextRange {
        get { storage.fields.range }
        _modify { makeUnique(); yield &storage.fields.range }
    }
    public var keywordRange: TextRange {
        get { storage.fields.keywordRange }
        _modify { makeUnique(); yield &storage.fields.keywordRange }
    }
    public var flags: [InstructionFlag] {
        get { storage.fields.flags }
        _modify { makeUnique(); yield &storage.fields.flags }
    }
    /// The arguments after the flags, continuation lines joined, comment lines inside them dropped.
    public var arguments: String {
        get { storage.fields.arguments }
        _modify { makeUnique(); yield &storage.fields.arguments }
    }
    public var argumentsRange: TextRange {
        get { storage.fields.argumentsRange }
        _modify { makeUnique(); yield &storage.fields.argumentsRange }
    }
    /// The exec (JSON) form's words, nil for shell form.
    public var execForm: [String]? {
        get { storage.fields.execForm }
        _modify { makeUnique(); yield &storage.fields.execForm }
    }
    public var heredocs: [Heredoc] {
        get { storage.fields.heredocs }
        _modify { makeUnique(); yield &storage.fields.heredocs }
    }
    /// The file's escape character, which also escapes inside shell-form words.
    public var escape: Character {
        get { storage.fields.escape }
        _modify { makeUnique(); yield &storage.fields.escape }
    }
    /// `arguments` with `$VAR`, `${VAR:-w}`, `${VAR:+w}` replaced as the build does, from the ARGs and
    /// ENVs in scope, for the instructions Docker expands (ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER
    /// VOLUME WORKDIR); nil when there is nothing to expand.
    public var expandedArguments: String? {
        get { storage.fields.expandedArguments }
        _modify { makeUnique(); yield &storage.fields.expandedArguments }
    }
    /// Where each argument is in the file: each JSON string in exec form, else each word between blanks
    /// (ranges of words continued over lines span the continuation). Computed when asked: few rules need it.
    public var argumentRanges: [TextRange] {
        let map = storage.fields.argumentMap
        return ArgumentWords.ranges(in: arguments, jsonStrings: execForm != nil).map(map.sourceRange)
    }

    /// Where `arguments` starts in the file (after the flags and the blanks before it).
    public var argumentsSourceStart: Int { storage.fields.argumentMap.sourceRange(TextRange.at(0)).start }

    /// The words after build-time expansion (the words as written when nothing expands).
    public var expandedWords: [String] {
        guard let expandedArguments else { return words }
        return execForm != nil ? words : ShellWords.split(expandedArguments, escape: escape)
    }

    public func flag(_ name: String) -> InstructionFlag? { flags.last { $0.name == name } }

    /// The command words: exec form as written, shell form split like `sh` would.
    public var words: [String] { execForm ?? ShellWords.split(arguments, escape: escape) }

    /// BuildKit's own reading: every leading `--flag` (BuildKit takes them on any instruction) and the
    /// values its parser for this keyword gives (`ENV a=1 b="2 3"` is `a`, `1`, `b`, `"2 3"`).
    public var buildKitView: BuildKitInstruction {
        var flagWords = flags.map(\.word)
        var rest = arguments
        if !DockerfileParser.flagKeywords.contains(keyword) {
            let (extra, offset) = BuildKitWords.leadingFlags(arguments)
            flagWords += extra.map(\.word)
            rest = String(decoding: Array(arguments.utf8)[offset...], as: UTF8.self)
        }
        var subKeyword: String?
        var valueKeyword = keyword
        if keyword == "ONBUILD" {
            // ONBUILD wraps another instruction: BuildKit reports its values (its flags stay on the child).
            let trimmed = rest.trimmingSpaces
            let end = trimmed.firstIndex { $0 == " " || $0 == "\t" } ?? trimmed.endIndex
            subKeyword = trimmed[..<end].uppercased()
            valueKeyword = subKeyword ?? ""
            let inner = String(trimmed[end...])
            let offset = BuildKitWords.leadingFlags(inner).restOffset
            rest = String(decoding: Array(inner.utf8)[offset...], as: UTF8.self)
        }
        let (values, isJSON) = BuildKitWords.values(keyword: valueKeyword, arguments: rest, escape: escape)
        return BuildKitInstruction(keyword: keyword, subKeyword: subKeyword, flags: flagWords, values: values, isJSON: isJSON)
    }
}

/// An instruction as BuildKit's parser reports it (see `Instruction.buildKitView`).
public struct BuildKitInstruction: Sendable, Hashable {
    public var keyword: String
    /// The wrapped instruction of ONBUILD.
    public var subKeyword: String?
    public var flags: [String]
    public var values: [String]
    public var isJSON: Bool
}

/// A build stage: `FROM image [AS name]` and the instructions up to the next FROM.
public struct Stage: Sendable, Hashable {
    public var index: Int
    /// Lower-cased stage name (names are case-insensitive), nil when unnamed.
    public var name: String?
    /// The base image with global ARG defaults expanded.
    public var baseImage: String
    public var from: Instruction
    public var instructions: [Instruction]

    public func instructions(_ keyword: String) -> [Instruction] { instructions.filter { $0.keyword == keyword } }
}

extension Instruction {
    /// The stages or images the instruction reads from, with the flag that names each: `COPY --from=NAME` and
    /// `RUN --mount=...,from=NAME`.
    public var stageReferences: [(name: String, flag: InstructionFlag)] {
        var references: [(name: String, flag: InstructionFlag)] = []
        for flag in flags {
            guard let value = flag.value else { continue }
            if flag.name == "from" { references.append((value, flag)) }
            if flag.name == "mount" {
                for option in value.split(separator: ",") where option.hasPrefix("from=") { references.append((String(option.dropFirst(5)), flag)) }
            }
        }
        return references
    }
}

/// A parsed Dockerfile.
public struct Dockerfile: Sendable {
    public var source: SourceFile
    /// The escape character (`\` or `` ` ``).
    public var escapeCharacter: UInt8
    public var directives: [String: String]
    public var instructions: [Instruction]
    /// `ARG`s before the first FROM.
    public var globalArguments: [String: String]
    public var stages: [Stage]

    /// The stage a build produces: `target` when given and known, else the last stage.
    public func stage(target: String?) -> Stage? {
        if let target, let match = stages.first(where: { $0.name == target.lowercased() }) { return match }
        return stages.last
    }

    /// The stage a `FROM` or `--from` reference names (by name or index), nil for an external image.
    public func stage(named reference: String) -> Stage? {
        if let index = Int(reference), stages.indices.contains(index) { return stages[index] }
        return stages.first { $0.name == reference.lowercased() }
    }

    public var path: String { source.path }

    public func location(_ range: TextRange) -> SourceLocation { SourceLocation(path: source.path, range: range) }

    /// The stages building `target` needs, as BuildKit builds them: the target, the stage it is built `FROM`,
    /// and every stage a `COPY --from` or a `RUN --mount=from=` names, followed transitively. Other stages
    /// (a `dev` or `test` stage next to the production one) are not built.
    public func stagesNeeded(for target: Stage) -> Set<Int> {
        var needed: Set<Int> = []
        var pending = [target.index]
        while let index = pending.popLast() {
            guard needed.insert(index).inserted, stages.indices.contains(index) else { continue }
            let stage = stages[index]
            let references = [stage.baseImage] + stage.instructions.flatMap { $0.stageReferences.map(\.name) }
            for reference in references {
                // A stage can only name an earlier stage; a later or unknown name is an image.
                if let named = self.stage(named: reference), named.index < index { pending.append(named.index) }
            }
        }
        return needed
    }
}
