// swift-tools-version:6.0
import PackageDescription

// Dependencies are kept few: each one costs build time on 2-core machines (README, "Dependencies").
let package = Package(
    name: "TradeLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tradeledger", targets: ["tradeledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "LibPQ", dependencies: ["CLibPQ"]),
        .target(name: "Money"),
        .target(name: "LedgerDomain", dependencies: [
            "Money",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "EventStore", dependencies: [
            "LibPQ",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "VisaSettlement", dependencies: ["Money"]),
        .target(name: "Projections", dependencies: [
            "EventStore", "LedgerDomain", "LibPQ", "Money",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Reconciliation", dependencies: [
            "VisaSettlement", "LedgerDomain", "LibPQ", "Money",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Settlement", dependencies: [
            "EventStore", "Projections", "LedgerDomain", "LibPQ", "Money",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "TradeLedgerKit", dependencies: [
            "EventStore", "Projections", "Settlement", "VisaSettlement", "Reconciliation",
            "LedgerDomain", "LibPQ", "Money",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "tradeledger", dependencies: [
            "TradeLedgerKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: ["LibPQ", "EventStore"]),

        .testTarget(name: "LibPQTests", dependencies: ["LibPQ", "TestSupport"]),
        .testTarget(name: "MoneyTests", dependencies: ["Money"]),
        .testTarget(name: "LedgerDomainTests", dependencies: ["LedgerDomain", "Money"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EventStoreTests", dependencies: [
            "EventStore", "TestSupport", "LibPQ", "LedgerDomain",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "VisaSettlementTests", dependencies: ["VisaSettlement", "Money"]),
        .testTarget(name: "ReconciliationTests", dependencies: ["Reconciliation", "LedgerDomain", "Money"]),
        .testTarget(name: "SettlementTests", dependencies: ["Settlement", "LedgerDomain", "Money"]),
        // TradeLedgerKit only seeds the log here (through `submit`, as operators do).
        .testTarget(name: "ProjectionsTests", dependencies: [
            "Projections", "TestSupport", "TradeLedgerKit", "EventStore", "LedgerDomain", "LibPQ", "Money",
        ]),
        .testTarget(name: "TradeLedgerKitTests", dependencies: [
            "TradeLedgerKit", "TestSupport", "EventStore", "Projections", "LedgerDomain", "LibPQ", "Money", "Reconciliation",
            "VisaSettlement", "Settlement",
        ]),
    ]
)
