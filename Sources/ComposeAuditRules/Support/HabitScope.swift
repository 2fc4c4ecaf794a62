import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

extension Project {
    /// Whether the habit rules (limits, log rotation, healthchecks, restart policies, no-new-privileges, health
    /// conditions) leave the service alone: a service a fragment only adjusts (its main file sets it up), or any
    /// service of a development stack (unless `.compose-audit.yml` declares a purpose).
    func leavesHabitsAlone(_ service: Service) -> Bool {
        FragmentNote.isPartial(service, in: self) || (configuration.purpose == nil && developmentStackEvidence != nil)
    }

    /// The severity of a finding of the habits of a long-running stack (limits, log rotation, healthchecks, restart
    /// policies, no-new-privileges): the rule's own, or information in a stack run by hand.
    var longRunningHabitSeverity: Severity? { runByHandEvidence == nil ? nil : .info }

    /// What such a finding adds to its message in a stack run by hand: why it is information, and how to ask it.
    var longRunningHabitNote: String {
        guard let evidence = runByHandEvidence else { return "" }
        return " (information: \(evidence), so the stack reads as run by hand; `purpose: deployment` in \(Configuration.fileName) asks it)"
    }

    /// Why the project reads as a stack someone starts and watches (a sample, a demo, a test rig) rather than one left
    /// running: none of its long-running services has a restart policy, so nothing comes back after a crash or a
    /// reboot, and the habits of a stack left running are not yet its concern. nil when a service restarts
    /// (`restart:` other than `"no"`, `deploy.restart_policy`, or a swarm service's `deploy.replicas`, `mode` or
    /// `placement`, which restart by default), when its folder or a compose file is named for production (`prod`,
    /// `production`, `deploy`), or when `.compose-audit.yml` says `purpose: deployment`.
    public var runByHandEvidence: String? {
        memo.value("runByHandEvidence") {
            switch configuration.purpose {
            case .deployment: return nil
            case .local: return "`purpose: local` in \(Configuration.fileName)"
            case nil: break
            }
            let names = [PathName.lastComponent(of: PathName.normalize(root))] + composeFiles.map { PathName.lastComponent(of: $0.source.path) }
            if names.contains(where: { PathName.words(of: $0).contains(where: Self.productionWords.contains) }) { return nil }
            let longRunning = services.filter { isLongRunning($0) && !FragmentNote.isPartial($0, in: self) }
            guard !longRunning.isEmpty, !longRunning.contains(where: restarts) else { return nil }
            return longRunning.count == 1 ? "its service has no restart policy" : "none of its \(longRunning.count) long-running services has a restart policy"
        }
    }

    /// What the rules of the habits of a stack left running say of stacks run by hand, in their documentation.
    static let runByHandRationale = """
         In a stack none of whose long-running services has a restart policy (a sample, a demo, a test rig \
        someone starts and watches) the finding is information, and says so; a service that restarts (also a \
        swarm's `deploy.replicas` or `mode`), a folder or file named for production (`prod`, `production`, \
        `deploy`), or `purpose: deployment` in `.compose-audit.yml` asks it at its severity.
        """

    /// Words of a folder's or compose file's name that mark a stack for production.
    static let productionWords: Set<String> = ["prod", "production", "deploy", "deployment"]
}
