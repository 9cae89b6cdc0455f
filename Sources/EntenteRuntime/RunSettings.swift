import Crypto
import EntenteModel
import Foundation

/// What a run is: the resolved scenario (seed and rounds included) and how it is run.
public struct RunSettings: Sendable {
    public var scenario: Scenario
    /// The scenario file as given (logged; not part of the outcome).
    public var scenarioPath: String
    public var runID: String
    public var engine: Engine
    /// The `path=value` overrides applied to the scenario file (already in `scenario`).
    public var overrides: [String]
    /// What events.jsonl holds beyond the outcome (not part of the outcome).
    public var logLevel = LogLevel.compact

    public var seed: UInt64 { scenario.seed }
    public var rounds: Int { scenario.rounds }

    /// - Parameters: seed, rounds: the command line's, replacing the scenario's.
    public init(scenario: Scenario, scenarioPath: String, seed: UInt64? = nil, rounds: Int? = nil,
                runID: String, engine: Engine, overrides: [String] = []) {
        self.scenario = scenario
        if let seed { self.scenario.seed = seed }
        if let rounds { self.scenario.rounds = rounds }
        self.scenarioPath = scenarioPath
        self.runID = runID
        self.engine = engine
        self.overrides = overrides
    }
}

/// scenario.json in a run folder: the scenario as the run resolved it, each state's
/// effective settings, seed and rounds included, with where it came from. The processes
/// `entente run` starts read this instead of parsing the scenario file and its overrides again.
public struct ResolvedScenario: Codable, Equatable, Sendable {
    public static let fileName = "scenario.json"

    /// The scenario file as given.
    public var file: String
    public var overrides: [String]
    public var scenario: Scenario

    public init(_ settings: RunSettings) {
        file = settings.scenarioPath
        overrides = settings.overrides
        scenario = settings.scenario
    }

    /// Writes `folder`/scenario.json (creating the folder).
    public func write(toFolder folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try (encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: folder + "/" + Self.fileName), options: .atomic)
    }

    /// - Throws: `RunError` saying what is wrong with the file.
    public static func read(path: String) throws -> ResolvedScenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError("cannot read the resolved scenario \(path)")
        }
        do {
            return try JSONDecoder().decode(ResolvedScenario.self, from: data)
        } catch {
            throw RunError("\(path) is not a resolved scenario written by `entente run`: \(error)")
        }
    }
}

/// scenario.yaml in a run folder: the scenario file as it was given, byte for byte, so
/// a run's folder says what it ran even after the file is edited; summary.json carries
/// its SHA-256 (`scenario_sha256`), and a sweep refuses to resume on a changed file.
public enum ScenarioCopy {
    public static let fileName = "scenario.yaml"

    /// Copies `source` into `folder`, unless the folder has a copy already (a resumed or
    /// repeated run keeps the one it started with).
    /// - Returns: the SHA-256 of the folder's copy; nil when there is none to make.
    @discardableResult
    public static func record(source: String, folder: String) -> String? {
        let copy = folder + "/" + fileName
        if !FileManager.default.fileExists(atPath: copy), let data = FileManager.default.contents(atPath: source) {
            try? data.write(to: URL(fileURLWithPath: copy), options: .atomic)
        }
        return sha256(path: copy)
    }

    /// The SHA-256 of a file as 64 hex characters; nil when it cannot be read.
    public static func sha256(path: String) -> String? {
        FileManager.default.contents(atPath: path).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
    }
}
