import ComposeAuditCore
import ComposeAuditSyntax
import Dispatch

/// What one rule contributed to an audit: its subjects and the distinct subjects that failed.
public struct RuleTally: Sendable {
    public var rule: RuleDescription
    public var subjectCount: Int
    /// The most serious severity found for each failing subject.
    public var failingSubjects: [String: Severity]

    public init(rule: RuleDescription, subjectCount: Int, failingSubjects: [String: Severity]) {
        self.rule = rule
        self.subjectCount = subjectCount
        self.failingSubjects = failingSubjects
    }

    /// Per rule id, each failing subject with the most serious severity found for it.
    static func failingSubjects(of findings: [Finding]) -> [String: [String: Severity]] {
        var failing: [String: [String: Severity]] = [:]
        for finding in findings {
            failing[finding.ruleID, default: [:]][finding.subject] = max(failing[finding.ruleID]?[finding.subject] ?? finding.severity, finding.severity)
        }
        return failing
    }
}

/// The result of auditing one project.
public struct AuditReport: Sendable {
    public var project: String
    /// The Compose project name.
    public var name: String = ""
    /// The files read, for reporters that quote source lines.
    public var sources: [String: SourceFile]
    public var findings: [Finding]
    public var tallies: [RuleTally]
    public var score: Score
    /// Bytes the build contexts send to the builder (after `.dockerignore`), and before it.
    public var contextBytesSent: Int = 0
    public var contextBytesTotal: Int = 0
    /// Findings left out because a baseline accepts them (they neither show nor count in the score).
    public var baselined: Int = 0

    public init(project: String, sources: [String: SourceFile], findings: [Finding], tallies: [RuleTally], score: Score) {
        self.project = project
        self.sources = sources
        self.findings = findings
        self.tallies = tallies
        self.score = score
    }

    /// The report with only `kept` of its findings (those a baseline does not accept): tallies and score are
    /// recomputed from them, so accepted findings neither show nor lower the score.
    public func keeping(_ kept: [Finding]) -> AuditReport {
        let failing = RuleTally.failingSubjects(of: kept)
        let tallies = self.tallies.map { tally in
            var tally = tally
            tally.failingSubjects = failing[tally.rule.id] ?? [:]
            return tally
        }
        var report = self
        report.findings = kept
        report.tallies = tallies
        report.score = Score(tallies: tallies)
        report.baselined = baselined + findings.count - kept.count
        return report
    }

    /// How many subjects of a rule pass, out of how many (nil when the rule has none here).
    public func coverage(of ruleID: String) -> (passing: Int, total: Int)? {
        guard let tally = tallies.first(where: { $0.rule.id == ruleID }), tally.subjectCount > 0 else { return nil }
        return (max(0, tally.subjectCount - tally.failingSubjects.count), tally.subjectCount)
    }
}

/// Runs rules over a project and turns their violations into sorted findings and a score.
public struct Linter: Sendable {
    public var rules: [any Rule]
    /// Whether rules run on every core. Rules are pure, so only the wall time changes; callers that
    /// already audit many projects at once turn it off.
    public var runsRulesInParallel: Bool

    public init(rules: [any Rule], runsRulesInParallel: Bool = true) {
        self.rules = rules
        self.runsRulesInParallel = runsRulesInParallel
    }

    /// The fix with its rule's consequence when the rule gave it none of its own.
    static func stating(_ fix: Fix, of rule: RuleDescription) -> Fix {
        guard fix.consequence.isEmpty, let consequence = rule.fixSafety?.consequence else { return fix }
        var stated = fix
        stated.consequence = consequence
        return stated
    }

    /// A fix is offered only when every file it edits is a file on disk: the text of a `dockerfile_inline` is a
    /// value in the compose file, which fixes do not edit, so a finding there says no `[*]` it cannot keep.
    static func applicable(_ fix: Fix) -> Fix? {
        fix.changes.contains { ServiceBuild.isInlineDockerfilePath($0.path) } ? nil : fix
    }

    /// Each rule's outcome, in the order of `rules`.
    func outcomes(of rules: [any Rule], for project: Project) -> [RuleOutcome] {
        guard runsRulesInParallel, rules.count > 1 else { return rules.map { $0.check(project) } }
        let results = Locked([RuleOutcome?](repeating: nil, count: rules.count))
        DispatchQueue.concurrentPerform(iterations: rules.count) { index in
            let outcome = rules[index].check(project)
            results.withLock { $0[index] = outcome }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Drops the findings that `# compose-audit: disable=` comments cover, and reports suppressions
    /// that name unknown rules or silence nothing.
    func applySuppressions(to findings: [Finding], project: Project, sources: [String: SourceFile]) -> [Finding] {
        var instructions: [String: [TextRange]] = [:]
        for build in project.builds { if let file = build.dockerfile { instructions[file.path] = file.instructions.map(\.range) } }
        let suppressions = sources.keys.sorted().flatMap { path in
            sources[path].map { SuppressionScanner.scan($0, instructions: instructions[path]) } ?? []
        }
        guard !suppressions.isEmpty else { return findings }
        var idsByReference: [String: String] = [:]
        for rule in rules {
            idsByReference[rule.description.id.lowercased()] = rule.description.id
            idsByReference[rule.description.name.lowercased()] = rule.description.id
        }
        var kept: [Finding] = []
        var used = Set<Int>()
        // A ShellCheck code (`disable=SC2086`) covers the findings that carry it.
        let resolved = suppressions.map { suppression in
            Set(suppression.rules.compactMap { idsByReference[$0.lowercased()] })
                .union(suppression.rules.filter(ExternalCode.isShellCheckCode).map { $0.uppercased() })
        }
        for finding in findings {
            let covering = suppressions.indices.filter { suppressions[$0].covers(finding, ruleIDs: resolved[$0]) }
            if covering.isEmpty { kept.append(finding) } else { used.formUnion(covering) }
        }
        for (index, suppression) in suppressions.enumerated() {
            let source = sources[suppression.path]
            let position = source?.lineColumn(at: suppression.location.range.start) ?? LineColumn(line: suppression.line, column: 1)
            let endPosition = source?.lineColumn(at: suppression.location.range.end) ?? position
            func diagnostic(_ rule: RuleDescription, _ message: String) -> Finding {
                Finding(ruleID: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity, message: message,
                        location: suppression.location, position: position, endPosition: endPosition, subject: "suppression:\(index)",
                        projectRoot: project.root)
            }
            let engineIDs = Set(SuppressionDiagnostics.all.map(\.id))
            let unknown = suppression.rules.filter { reference in
                idsByReference[reference.lowercased()] == nil && !engineIDs.contains(reference.uppercased())
                    && !ExternalCode.isShellCheckCode(reference)
            }
            for reference in unknown {
                kept.append(diagnostic(SuppressionDiagnostics.unknownRule, "The suppression names `\(reference)`, which is no rule of compose-audit"))
            }
            if unknown.count < suppression.rules.count, !used.contains(index) {
                kept.append(diagnostic(SuppressionDiagnostics.unusedSuppression,
                                       "The suppression of \(suppression.rules.joined(separator: ", ")) silences nothing"))
            }
        }
        return kept
    }

    public func audit(_ project: Project) -> AuditReport {
        var findings: [Finding] = []
        var tallies: [RuleTally] = []
        var sources: [String: SourceFile] = [:]
        for tree in project.composeFiles { sources[tree.source.path] = tree.source }
        for build in project.builds { if let file = build.dockerfile { sources[file.path] = file.source } }
        for (path, config) in project.nginxConfigs { sources[path] = config.source }
        if let dotEnv = project.dotEnv { sources[dotEnv.source.path] = dotEnv.source }
        for (path, file) in project.envFiles { sources[path] = file.source }
        for (_, context) in project.contexts { if let ignore = context.dockerIgnore { sources[ignore.source.path] = ignore.source } }

        var outcomes: [(description: RuleDescription, subjectCount: Int)] = []
        let configuration = project.configuration
        let selected = rules.filter { configuration.selects($0.description) }.map { $0.configured(by: configuration) }
        var ruleOutcomes = self.outcomes(of: selected, for: project)
        findings.reserveCapacity(ruleOutcomes.reduce(0) { $0 + $1.violations.count })
        for (index, rule) in selected.enumerated() {
            var description = rule.description
            let override = configuration.severityOverride(for: description)
            if let override { description.severity = override }
            // Each rule's violations are let go once they are findings (a large project has tens of thousands).
            let violations = ruleOutcomes[index].violations
            ruleOutcomes[index].violations = []
            outcomes.append((description, ruleOutcomes[index].subjectCount))
            // A rule that reports the same problem twice (same place, subject and message) counts it once.
            var seen: Set<ViolationIdentity> = []
            let developmentNote = description.lowersInDevelopmentStacks && override == nil ? project.developmentStackNote : nil
            for var violation in violations where seen.insert(ViolationIdentity(violation)).inserted {
                if let developmentNote {
                    violation.severity = .info
                    violation.message += developmentNote
                }
                let severity = override ?? violation.severity ?? description.severity
                let source = sources[violation.location.path]
                let position = source?.lineColumn(at: violation.location.range.start) ?? LineColumn(line: 1, column: 1)
                let endPosition = source?.lineColumn(at: violation.location.range.end) ?? position
                var finding = Finding(ruleID: description.id, ruleName: description.name, category: description.category,
                                      severity: severity, message: violation.message, location: violation.location,
                                      position: position, endPosition: endPosition, subject: (violation.subject ?? .project).description,
                                      fix: violation.fix.flatMap(Self.applicable).map { Self.stating($0, of: description) },
                                      projectRoot: project.root)
                finding.related = violation.related
                finding.code = violation.code
                finding.service = violation.service
                finding.projectFile = project.composeFiles.first?.source.path
                guard configuration.keeps(finding, of: description) else { continue }
                findings.append(finding)
            }
        }
        findings = applySuppressions(to: findings, project: project, sources: sources)
        if !configuration.perFileIgnores.isEmpty {
            findings.removeAll { configuration.ignoresPerFile($0, root: project.root) }
        }
        let failingByRule = RuleTally.failingSubjects(of: findings)
        for (description, subjectCount) in outcomes {
            let failing = failingByRule[description.id] ?? [:]
            // A failing subject always counts, except one whose findings are all info (reported, uncounted, weightless).
            tallies.append(RuleTally(rule: description, subjectCount: max(subjectCount, failing.values.count { $0 > .info }),
                                     failingSubjects: failing))
        }
        findings.sort()
        var report = AuditReport(project: project.root, sources: sources, findings: findings, tallies: tallies, score: Score(tallies: tallies))
        report.name = project.name
        report.contextBytesSent = project.contexts.values.reduce(0) { $0 + $1.sentBytes }
        report.contextBytesTotal = project.contexts.values.reduce(0) { $0 + $1.totalBytes }
        return report
    }
}

/// What makes two violations of one rule the same problem (their fixes are not compared).
struct ViolationIdentity: Hashable {
    var message: String
    var location: SourceLocation
    var subject: Subject?
    var severity: Severity?

    init(_ violation: Violation) {
        message = violation.message
        location = violation.location
        subject = violation.subject
        severity = violation.severity
    }
}
