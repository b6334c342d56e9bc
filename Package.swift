// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "compliance-audit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "compliance-audit", targets: ["compliance-audit"]),
        .library(name: "ComplianceRules", targets: ["ComplianceRules"]),
        .library(name: "ContractImport", targets: ["ContractImport"]),
        .library(name: "ComplianceAudit", targets: ["ComplianceAudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ComplianceRules",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Rules")]
        ),
        .target(
            name: "ContractImport",
            dependencies: ["ComplianceRules", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Schemas")]
        ),
        .target(name: "SyntheticData", dependencies: ["ComplianceRules"]),
        .target(
            name: "ComplianceAudit",
            dependencies: ["ComplianceRules", "ContractImport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "AuditHistory",
            dependencies: ["ComplianceAudit", "ComplianceRules", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ComplianceWorkbook",
            dependencies: ["ComplianceAudit", "ComplianceRules", "ContractImport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "compliance-audit",
            dependencies: [
                "AuditHistory",
                "ComplianceWorkbook",
                "ComplianceAudit",
                "ContractImport",
                "ComplianceRules",
                "SyntheticData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "compliance-benchmark",
            dependencies: ["CLibXML2", "ComplianceRules", "ContractImport", "ComplianceAudit", "SyntheticData"],
            path: "Benchmarks/ComplianceBenchmark"
        ),
        .executableTarget(
            name: "compliance-fuzz",
            dependencies: ["ComplianceRules", "ContractImport"],
            path: "Fuzz/ImporterFuzz"
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ComplianceRulesTests", dependencies: ["ComplianceRules", "SyntheticData", "TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["compliance-audit", "TestSupport"]),
        .testTarget(
            name: "AuditHistoryTests",
            dependencies: ["AuditHistory", "ComplianceAudit", "ComplianceRules", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ComplianceAuditTests",
            dependencies: ["ComplianceAudit", "ComplianceRules", "ContractImport", "SyntheticData", "TestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "ContractImportTests",
            dependencies: ["ContractImport", "ComplianceRules", "SyntheticData", "TestSupport"]
        ),
        .testTarget(
            name: "ComplianceWorkbookTests",
            dependencies: ["ComplianceWorkbook", "ComplianceAudit", "ComplianceRules", "ContractImport", "TestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
