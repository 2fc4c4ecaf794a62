// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "compose-audit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "compose-audit", targets: ["compose-audit"]),
        .library(name: "ComposeAuditEngine", targets: ["ComposeAuditEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "ComposeAuditCore"),
        .target(name: "ComposeAuditSyntax", dependencies: ["CYAML", "ComposeAuditCore"]),
        .target(name: "ComposeAuditEngine", dependencies: ["ComposeAuditSyntax", "ComposeAuditCore"]),
        .target(name: "ComposeAuditRules", dependencies: ["ComposeAuditEngine", "ComposeAuditSyntax", "ComposeAuditCore"]),
        .target(name: "ComposeAuditReporters", dependencies: ["ComposeAuditEngine", "ComposeAuditCore"]),
        .target(
            name: "ComposeAuditLanguageServer",
            dependencies: ["ComposeAuditRules", "ComposeAuditReporters", "ComposeAuditEngine", "ComposeAuditCore"]
        ),
        .executableTarget(
            name: "compose-audit",
            dependencies: [
                "ComposeAuditLanguageServer", "ComposeAuditRules", "ComposeAuditReporters", "ComposeAuditEngine", "ComposeAuditCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "compose-audit-bench", dependencies: ["ComposeAuditSyntax", "ComposeAuditCore"]),
        // Fuzz targets: a replay/mutation driver in a normal build; libFuzzer's entry point when built with
        // -DFUZZING -sanitize=fuzzer -parse-as-library (`make fuzz`).
        .executableTarget(name: "compose-audit-fuzz", dependencies: ["ComposeAuditRules", "ComposeAuditEngine", "ComposeAuditSyntax", "ComposeAuditCore"]),
        .testTarget(name: "ComposeAuditSyntaxTests", dependencies: ["ComposeAuditSyntax", "ComposeAuditCore"]),
        .testTarget(name: "ComposeAuditEngineTests", dependencies: ["ComposeAuditEngine", "ComposeAuditCore"]),
        .testTarget(name: "ComposeAuditRulesTests", dependencies: ["ComposeAuditRules", "ComposeAuditReporters", "ComposeAuditEngine", "ComposeAuditCore"]),
        .testTarget(name: "ComposeAuditReportersTests", dependencies: ["ComposeAuditReporters", "ComposeAuditEngine", "ComposeAuditCore"],
                    exclude: ["Goldens"]),
        .testTarget(
            name: "ComposeAuditCLITests",
            dependencies: ["compose-audit", "ComposeAuditRules", "ComposeAuditReporters", "ComposeAuditEngine", "ComposeAuditCore"]
        ),
    ]
)
