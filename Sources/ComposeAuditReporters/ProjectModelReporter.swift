#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ComposeAuditCore
import ComposeAuditEngine
import ComposeAuditSyntax

/// `compose-audit config`: the merged, interpolated model the rules see, as JSON. Field names follow
/// `docker compose config --format json` where they overlap; `written` names the file:line:col of each value.
public struct ProjectModelReporter {
    public init() {}

    struct Document: Encodable {
        var name: String
        var files: [String]
        var services: [String: ServiceItem]
        var volumes: [String]
        var networks: [String]
        var secrets: [String]
        var configs: [String]
        var unresolvedVariables: [String]
        /// `${VAR:?message}` variables nothing defines: Compose refuses to start until they are set.
        var requiredVariables: [String]
    }

    struct ServiceItem: Encodable {
        var written: String
        var image: Value?
        var build: BuildItem?
        var command: [String]?
        var entrypoint: [String]?
        var environment: [String: String?]
        var envFiles: [String]
        var ports: [PortItem]
        var volumes: [VolumeItem]
        var user: Value?
        var restart: Value?
        var profiles: [String]
        var dependsOn: [DependencyItem]
        var networks: [String]
        var networkMode: Value?
        var provider: Value?
        var labels: [String: String]
        var healthcheck: [String]?
    }

    struct Value: Encodable {
        var value: String
        var written: String
    }

    /// `condition` as written; Compose's default, `service_started`, when none is. Services named by `links`,
    /// `volumes_from` and `service:` namespace modes are listed too, as Compose lists them.
    struct DependencyItem: Encodable {
        var service: String
        var condition: String
        var written: String
    }

    struct BuildItem: Encodable {
        var context: String
        var dockerfile: String?
        var dockerfileInline: Bool
        var target: String?
        var written: String
    }

    struct PortItem: Encodable {
        var hostIP: String?
        var published: String?
        var target: String
        var proto: String
        var written: String
    }

    struct VolumeItem: Encodable {
        var type: String
        var source: String?
        var target: String
        var readOnly: Bool
        var written: String
    }

    public func render(_ project: Project) -> String {
        func place(_ location: SourceLocation) -> String {
            let tree = project.composeFiles.first { $0.source.path == location.path }
            guard let position = tree?.source.lineColumn(at: location.range.start) else { return location.path }
            return "\(location.path):\(position.line):\(position.column)"
        }
        func value(_ text: ComposeText?) -> Value? { text.map { Value(value: $0.value, written: place($0.location)) } }
        var services: [String: ServiceItem] = [:]
        for service in project.services {
            var environment: [String: String?] = [:]
            for reference in service.envFiles {
                guard let file = project.envFiles[project.hostPath(reference.path.value)] else { continue }
                for entry in file.entries { environment[entry.name] = entry.value }
            }
            for variable in service.environment {
                // `- NAME` alone takes its value from the environment or `.env`, as Compose does.
                environment[variable.name] = .some(variable.value?.value ?? project.variables.value(of: variable.name))
            }
            let build = service.build.map { spec in
                BuildItem(context: ComposePaths.isRemoteContext(spec.context.value) ? spec.context.value : project.hostPath(spec.context.value),
                          dockerfile: spec.dockerfileInline == nil ? (spec.dockerfile?.value ?? "Dockerfile") : nil,
                          dockerfileInline: spec.dockerfileInline != nil, target: spec.target?.value, written: place(spec.location))
            }
            services[service.name] = ServiceItem(
                written: place(service.location), image: value(service.image), build: build,
                command: service.command?.parts.map(\.value), entrypoint: service.entrypoint?.parts.map(\.value),
                environment: environment, envFiles: service.envFiles.map { project.hostPath($0.path.value) },
                ports: service.ports.map {
                    PortItem(hostIP: $0.hostIP, published: $0.published, target: $0.target, proto: $0.proto, written: place($0.location))
                },
                volumes: service.volumes.map { mount in
                    VolumeItem(type: mount.kind.rawValue,
                               source: mount.kind == .bind ? mount.source.map(project.hostPath) : mount.source,
                               target: mount.target, readOnly: mount.isReadOnly, written: place(mount.location))
                },
                user: value(service.user), restart: value(service.restart), profiles: service.profiles,
                dependsOn: service.dependsOn.map {
                    DependencyItem(service: $0.service, condition: $0.condition ?? "service_started", written: place($0.location))
                } + service.implicitDependencies.map {
                    DependencyItem(service: $0.service, condition: "service_started", written: place($0.location))
                },
                networks: service.networks, networkMode: value(service.networkMode), provider: value(service.provider),
                labels: service.labels.mapValues(\.value), healthcheck: service.healthcheck?.test?.parts.map(\.value))
        }
        let document = Document(name: project.name, files: project.composeFiles.map(\.source.path), services: services,
                                volumes: project.model.volumes.map(\.name), networks: project.model.networks.map(\.name),
                                secrets: project.model.secrets.map(\.name), configs: project.model.configs.map(\.name),
                                unresolvedVariables: project.model.unresolvedVariables.map(\.value),
                                requiredVariables: project.model.requiredVariables.map(\.value))
        return JSONText.encode(document)
    }
}
