import ComposeAuditCore
import ComposeAuditSyntax

/// Which fixes `fix` applies.
public struct FixOptions: Sendable {
    /// `.safe` applies only safe fixes; `.unsafe` applies both.
    public var minimumApplicability: FixApplicability
    /// Rules to fix (ids, prefixes, categories, names); empty means all.
    public var select: [RuleReference]
    public var ignore: [RuleReference]
    public var maximumRounds: Int

    public init(minimumApplicability: FixApplicability = .safe, select: [RuleReference] = [], ignore: [RuleReference] = [],
                maximumRounds: Int = 10) {
        self.minimumApplicability = minimumApplicability
        self.select = select
        self.ignore = ignore
        self.maximumRounds = maximumRounds
    }

    public func includes(_ finding: Finding) -> Bool {
        let matches = { (reference: RuleReference) in reference.matches(id: finding.ruleID, name: finding.ruleName, category: finding.category) }
        if ignore.contains(where: matches) { return false }
        return select.isEmpty || select.contains(where: matches)
    }
}

/// A fix that was applied, described by the finding it removed (as it was before the fix).
public struct AppliedFix: Sendable {
    public var finding: Finding
    public var title: String
    /// False for a finding that an earlier fix introduced (its position is in the intermediate text).
    public var wasInOriginal: Bool
}

/// A fix that was offered and not applied, and why.
public struct RefusedFix: Sendable {
    public var finding: Finding
    public var title: String
    public var reason: String
}

/// What `fix` would write: each changed or created file with its old and new bytes.
public struct FixOutcome: Sendable {
    public struct FileResult: Sendable {
        public var path: String
        /// nil for a file the fixes create.
        public var original: [UInt8]?
        public var fixed: [UInt8]
    }

    public var files: [FileResult]
    public var applied: [AppliedFix]
    public var refused: [RefusedFix]
    /// Rules whose fixes were still pending when the round cap was reached.
    public var unconverged: [String]
    public var before: AuditReport
    public var after: AuditReport
    /// Findings whose rule has a fix that these options leave out (unsafe without `--unsafe-fixes`).
    public var skippedUnsafe: Int
}

/// Applies fixes in rounds: non-overlapping fixes together, then re-parse and re-lint; a fix whose
/// result does not parse, or that leaves its finding in place, is dropped and its file left as it was.
public struct Fixer: Sendable {
    public typealias Loader = @Sendable (any FileSystem) throws(ProjectLoader.LoadError) -> Project

    public var linter: Linter
    public var options: FixOptions

    public init(linter: Linter, options: FixOptions) {
        self.linter = linter
        self.options = options
    }

    private func key(_ finding: Finding) -> String { "\(finding.ruleID)\u{0}\(finding.subject)\u{0}\(finding.message)" }

    public func run(on fileSystem: any FileSystem, load: Loader) throws(ProjectLoader.LoadError) -> FixOutcome {
        var overlay = OverlayFileSystem(base: fileSystem)
        let before = linter.audit(try load(overlay))
        var report = before
        var applied: [AppliedFix] = []
        var refused: [RefusedFix] = []
        var excluded: Set<String> = []
        var unconverged: [String] = []
        for round in 0..<options.maximumRounds {
            let candidates = report.findings.filter { finding in
                guard let fix = finding.fix, fix.applicability >= options.minimumApplicability,
                      options.includes(finding) else { return false }
                // Edits must land in real files (not, say, a `dockerfile_inline` string).
                let editsRealFiles = fix.changes.allSatisfy { change in change.edits.isEmpty || overlay.isFile(change.path) }
                return editsRealFiles && !excluded.contains(key(finding))
            }
            var accepted: [Finding] = []
            for finding in candidates {
                guard let fix = finding.fix, !accepted.contains(where: { $0.fix?.conflicts(with: fix) ?? false }) else { continue }
                accepted.append(finding)
            }
            if accepted.isEmpty { break }
            if round == options.maximumRounds - 1 {
                unconverged = Array(Set(accepted.map(\.ruleID))).sorted()
                break
            }
            var pending = accepted
            while !pending.isEmpty {
                var trial = overlay
                let creationConflicts = apply(pending, to: &trial, from: overlay)
                if !creationConflicts.isEmpty {
                    for finding in creationConflicts {
                        refused.append(RefusedFix(finding: finding, title: finding.fix?.title ?? "", reason: "the file it creates already exists"))
                        excluded.insert(key(finding))
                    }
                    pending.removeAll { finding in creationConflicts.contains { key($0) == key(finding) } }
                    continue
                }
                let project: Project
                do {
                    project = try load(trial)
                } catch {
                    let failing = Self.failingPath(error)
                    let culprits = pending.filter { finding in
                        failing == nil || (finding.fix?.changes.contains { $0.path == failing } ?? false)
                    }
                    // Several fixes broke one file: try them one by one (the rest wait for the next round).
                    if culprits.count > 1 {
                        let deferred = culprits.dropFirst().map(key)
                        pending.removeAll { deferred.contains(key($0)) }
                        continue
                    }
                    for finding in culprits {
                        refused.append(RefusedFix(finding: finding, title: finding.fix?.title ?? "",
                                                  reason: "the result would not parse (\(error.description))"))
                        excluded.insert(key(finding))
                    }
                    pending.removeAll { finding in culprits.contains { key($0) == key(finding) } }
                    continue
                }
                let result = linter.audit(project)
                let remaining = Set(result.findings.map(key))
                let stubborn = pending.filter { remaining.contains(key($0)) }
                if !stubborn.isEmpty {
                    for finding in stubborn {
                        refused.append(RefusedFix(finding: finding, title: finding.fix?.title ?? "",
                                                  reason: "the finding remains after the fix"))
                        excluded.insert(key(finding))
                    }
                    pending.removeAll { remaining.contains(key($0)) }
                    continue
                }
                overlay = trial
                report = result
                // Findings that were there from the start are reported where they were in the original files.
                let original = Dictionary(before.findings.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
                applied += pending.map { AppliedFix(finding: original[key($0)] ?? $0, title: $0.fix?.title ?? "", wasInOriginal: original[key($0)] != nil) }
                break
            }
        }
        let files = overlay.overrides.keys.sorted().compactMap { path -> FixOutcome.FileResult? in
            guard let fixed = overlay.overrides[path] else { return nil }
            let original = try? fileSystem.contents(of: path)
            return original == fixed ? nil : FixOutcome.FileResult(path: path, original: original, fixed: fixed)
        }
        let skipped = report.findings.filter { finding in
            guard let fix = finding.fix else { return false }
            return fix.applicability < options.minimumApplicability && options.includes(finding)
        }.count
        return FixOutcome(files: files, applied: applied, refused: refused, unconverged: unconverged,
                          before: before, after: report, skippedUnsafe: skipped)
    }

    /// Applies every change of `findings`' fixes to `trial`, reading current text from `current`.
    /// Returns the findings whose fix creates a file that already exists.
    private func apply(_ findings: [Finding], to trial: inout OverlayFileSystem, from current: OverlayFileSystem) -> [Finding] {
        var editsByPath: [String: [TextEdit]] = [:]
        var conflicts: [Finding] = []
        for finding in findings {
            for change in finding.fix?.changes ?? [] {
                switch change.kind {
                case .edit(let edits): editsByPath[change.path, default: []] += edits
                case .create(let content):
                    if current.exists(change.path) { conflicts.append(finding) } else { trial.write(change.path, Array(content.utf8)) }
                }
            }
        }
        for (path, edits) in editsByPath {
            guard let bytes = try? current.contents(of: path) else { continue }
            trial.write(path, bytes.applying(edits))
        }
        return conflicts
    }

    private static func failingPath(_ error: ProjectLoader.LoadError) -> String? {
        switch error {
        case .input(let input): input.path
        case .unreadable(let failure): failure.path
        case .noComposeFile: nil
        }
    }
}
