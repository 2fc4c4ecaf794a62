import ComposeAuditEngine

/// Every rule of the tool, in id order. A test checks that each rule file is listed here.
public enum BuiltinRules {
    public static let types: [any Rule.Type] = [
        StatefulServiceWithoutVolumeRule.self,
        UndeclaredNamedVolumeRule.self,
        UnusedVolumeRule.self,
        AnonymousVolumeForDataRule.self,
        StatefulVolumeWithoutBackupRule.self,
        ContainerRunsAsRootRule.self,
        PrivilegedContainerRule.self,
        DockerSocketMountedRule.self,
        HostNamespaceSharedRule.self,
        NoNewPrivilegesMissingRule.self,
        DangerousCapabilitiesRule.self,
        HardcodedSecretRule.self,
        RedisWithoutPasswordRule.self,
        SensitivePortPublishedRule.self,
        WritableConfigMountRule.self,
        DefaultAdminCredentialsRule.self,
        SecretInDockerfileRule.self,
        SecretsInBuildContextRule.self,
        FlatNetworkRule.self,
        DefaultSecretValueRule.self,
        ConfinementDisabledRule.self,
        CredentialInURLRule.self,
        WritableHostSystemPathRule.self,
        CapabilitiesNotDroppedRule.self,
        WritableRootFilesystemRule.self,
        HostDevicePassedRule.self,
        SharedMountPropagationRule.self,
        TmpfsAllowsExecRule.self,
        NoResourceLimitsRule.self,
        NoResourceReservationsRule.self,
        NoLogRotationRule.self,
        NoHealthcheckRule.self,
        DependsOnWithoutHealthConditionRule.self,
        NoRestartPolicyRule.self,
        HardcodedWorkerCountRule.self,
        LoggingDisabledRule.self,
        NoPidsLimitRule.self,
        MissingDockerignoreRule.self,
        DockerignoreIncompleteRule.self,
        BuildWithoutImageTagRule.self,
        UnpinnedImageRule.self,
        MissingOCILabelsRule.self,
        ShellFormEntrypointRule.self,
        AptHygieneRule.self,
        PipCacheRule.self,
        AddInsteadOfCopyRule.self,
        CacheBustingCopyRule.self,
        MultipleCmdRule.self,
        DeprecatedMaintainerRule.self,
        RelativeWorkdirRule.self,
        UntrustedRegistryRule.self,
        CopyFromUnknownStageRule.self,
        SudoInRunRule.self,
        ApkCacheKeptRule.self,
        InvalidExposeRule.self,
        CopyDestinationNotFolderRule.self,
        DuplicateStageNameRule.self,
        RpmPackageHygieneRule.self,
        PipeWithoutPipefailRule.self,
        ShellCheckInRunRule.self,
        UnknownInstructionRule.self,
        ConstantPlatformRule.self,
        AptInScriptRule.self,
        EnvSelfReferenceRule.self,
        UseraddLastlogRule.self,
        ShellReplacedByLinkRule.self,
        ServedPathNotMountedRule.self,
        MissingEnvFileRule.self,
        UndefinedVariableRule.self,
        MissingBuildContextRule.self,
        UnknownServiceReferenceRule.self,
        HostPortConflictRule.self,
        MissingBindSourceRule.self,
        ObsoleteVersionKeyRule.self,
        WorkersExceedCPULimitRule.self,
        InvalidComposeKeyRule.self,
        UndefinedResourceReferenceRule.self,
        RefusedValueRule.self,
        DependencyCycleRule.self,
        ServiceWithoutImageRule.self,
        RequiredVariableUnsetRule.self,
    ]

    public static var all: [any Rule] { types.map { $0.init() } }

    public static var descriptions: [RuleDescription] { types.map { $0.description } }

    /// The rules plus the engine's own diagnostics (about suppression comments): what reports and docs list.
    public static var documented: [RuleDescription] { SuppressionDiagnostics.all + [UnreadableProject.rule] + descriptions }

    public static func description(for idOrName: String) -> RuleDescription? {
        documented.first { $0.id.caseInsensitiveCompare(idOrName) || $0.name == idOrName.lowercased() }
    }
}

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
