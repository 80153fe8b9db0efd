// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "maillage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "maillage", targets: ["Maillage"]),
        .library(name: "MaillageCore", targets: ["MaillageCore"]),
        .executable(name: "observatory-bench", targets: ["ObservatoryBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        // ZIP archives (XLSX files are zips of XML); uses the system zlib on Linux.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // SMTP client (MaillageMail): no SMTP package on the mirror, so NIO and NIOSSL directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // /metrics in Prometheus format (swift-metrics backend).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // Page snapshots from page models (tests only).
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        // Property tests of the statistics engine (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // The pure domain: money, SIRET, CSV dialect, reference data, statistics. No Vapor.
        .target(name: "MaillageCore", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Outgoing e-mail: MIME messages and a small SMTP client (STARTTLS, implicit TLS, AUTH).
        .target(
            name: "MaillageMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "Maillage",
            dependencies: [
                "MaillageCore",
                "MaillageMail",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        // Synthetic national history, timed against DuckDB (scripts/bench-observatory.sh).
        .executableTarget(name: "ObservatoryBench", dependencies: ["MaillageCore"], path: "Benchmarks/ObservatoryBench"),
        .testTarget(
            name: "MaillageCoreTests",
            dependencies: [
                "MaillageCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "MaillageMailTests", dependencies: ["MaillageMail"]),
        .testTarget(
            name: "MaillageTests",
            dependencies: [
                "Maillage",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            // Recorded page snapshots, read by the tests from their own folder.
            exclude: ["Snapshots/__Snapshots__"]
        ),
    ]
)
