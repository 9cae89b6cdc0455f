// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Entente",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "entente", targets: ["entente"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libzmq from Debian's libzmq3-dev, through a module map (no pkg-config: it warns on every build).
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        // A small safe wrapper: sockets closed once, errors from zmq_errno, polling with timeouts.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // Pure, deterministic model: scenario, threat, beliefs, policies, world, classification. Standard library only.
        .target(name: "EntenteModel"),
        // Scenario files: YAML, command-line overrides, validation with file:line, resolution to a Scenario.
        .target(name: "EntenteScenario", dependencies: ["EntenteModel", "Yams"]),
        // Versioned binary wire format with size limits: encodes the model's plain values, runs no policy.
        .target(name: "EntenteWire", dependencies: ["EntenteModel"]),
        // Coordinator, state agent, engines, logs: joins model, wire and sockets.
        .target(
            name: "EntenteRuntime",
            dependencies: [
                "EntenteModel", "EntenteWire", "ZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // History: the data tables of real state systems (COW, ATOP, MID) and the real alliances classified by them.
        .target(name: "EntenteHistory", dependencies: ["EntenteModel", .product(name: "SwiftCSV", package: "SwiftCSV")]),
        // Experiments: parameter sweeps over real runs, results tables, HTML reports with SVG charts.
        .target(name: "EntenteExperiments", dependencies: ["EntenteModel", "EntenteRuntime"]),
        // The live view: an HTTP server that follows a run folder's log and pushes it to one
        // self-contained page (server-sent events); a sweep folder lists its runs.
        .target(
            name: "EntenteLive",
            dependencies: [
                "EntenteRuntime", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Page")]
        ),
        .executableTarget(
            name: "entente",
            dependencies: [
                "EntenteRuntime", "EntenteExperiments", "EntenteScenario", "EntenteHistory", "EntenteLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzzing of every decoder: libFuzzer's driver when built with -sanitize=fuzzer
        // -DFUZZING (scripts/fuzz.sh), otherwise seeds, in-process mutation and a live blaster.
        .executableTarget(
            name: "entente-fuzz",
            dependencies: [
                "EntenteRuntime", "EntenteScenario", "EntenteWire", "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/EntenteFuzz"
        ),
        // Benchmarks scripts/bench.sh runs: the messaging floor, the codec, the log writer.
        .executableTarget(
            name: "entente-bench",
            dependencies: [
                "EntenteRuntime", "EntenteScenario", "EntenteWire", "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/EntenteBench"
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "EntenteModelTests", dependencies: ["EntenteModel"]),
        .testTarget(name: "EntenteScenarioTests", dependencies: ["EntenteScenario", "EntenteModel"]),
        .testTarget(name: "EntenteWireTests", dependencies: ["EntenteWire", "EntenteModel"]),
        .testTarget(name: "EntenteHistoryTests", dependencies: ["EntenteHistory", "EntenteModel", "EntenteScenario"]),
        .testTarget(name: "EntenteExperimentsTests", dependencies: ["EntenteExperiments", "EntenteRuntime", "EntenteScenario", "EntenteModel"]),
        .testTarget(name: "EntenteLiveTests", dependencies: ["EntenteLive", "EntenteRuntime"]),
        .testTarget(name: "EntenteRuntimeTests", dependencies: ["EntenteRuntime", "EntenteModel", "EntenteWire", "EntenteScenario"]),
        // The command line: each command line `entente` starts itself with parses under its command.
        .testTarget(name: "EntenteCommandTests", dependencies: ["entente", "EntenteRuntime", "EntenteModel"]),
        // Starts the built `entente` executable as real processes.
        .testTarget(name: "EndToEndTests", dependencies: ["EntenteRuntime", "EntenteModel", "ZeroMQ", "EntenteWire", "EntenteScenario"]),
    ]
)
