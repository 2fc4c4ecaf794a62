/// What a project's `.compose-audit.yml` says the stack is for, where its files alone would be read otherwise.
public enum DeclaredPurpose: String, Sendable, CaseIterable {
    /// Left running unattended: the habits of a long-running stack (limits, log rotation, healthchecks, restart
    /// policies, no-new-privileges) are asked at their rules' severities.
    case deployment
    /// Started by hand and watched (a sample, a demo, a test rig): those habits are information.
    case local
}
