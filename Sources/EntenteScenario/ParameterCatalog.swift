import EntenteModel
import Foundation

/// The blocks of a scenario file that hold parameters, by their key.
public enum ScenarioBlock: String, CaseIterable, Sendable {
    /// The top level of the file (`rounds`, `negotiation_steps`).
    case run = ""
    case threat, proximity, history, observation, policy, world, timeouts, communication, channels, deception, classification
}

/// One numeric parameter of a scenario, type-erased: what `entente parameters` lists and
/// what the docs' tables are checked against.
public struct ParameterEntry: Sendable {
    public var block: ScenarioBlock
    public var key: String
    /// nil: unset by default (it then takes another parameter's value).
    public var defaultValue: Double?
    public var range: ClosedRange<Double>
    public var isWhole: Bool
    public var rangeText: String
    public var unit: String
    public var doc: String

    /// The key as `--set` and `--vary` take it, e.g. `policy.trust`.
    public var path: String { block == .run ? key : "\(block.rawValue).\(key)" }

    init<B>(_ block: ScenarioBlock, _ p: Parameter<B>, defaults: B) {
        self.block = block
        key = p.key
        defaultValue = p.value(in: defaults)
        range = p.range
        isWhole = p.isWhole
        rangeText = p.rangeText
        unit = p.unit
        doc = p.doc
    }
}

/// Every numeric parameter of a scenario, in the order of the docs.
public enum ParameterCatalog {
    public static let entries: [ParameterEntry] = {
        func block<B: ParameterBlock>(_ name: ScenarioBlock, _: B.Type) -> [ParameterEntry] {
            B.parameters.map { ParameterEntry(name, $0, defaults: B()) }
        }
        let run = Scenario(name: "", states: [])
        return Scenario.runParameters.map { ParameterEntry(.run, $0, defaults: run) }
            + block(.threat, ThreatWeights.self) + block(.proximity, ProximityWeights.self)
            + block(.history, HistoryParameters.self)
            + block(.observation, ObservationParameters.self) + block(.policy, PolicyParameters.self)
            + block(.world, WorldParameters.self) + block(.timeouts, Timeouts.self)
            + block(.communication, CommunicationParameters.self) + block(.channels, ChannelQuality.self)
            + block(.deception, DeceptionParameters.self) + block(.classification, ClassificationParameters.self)
    }()

    /// A plain-text table: key, default, accepted values, meaning.
    public static var text: String {
        let rows = entries.map { e in
            [e.path, e.defaultValue.map(show) ?? "unset", e.rangeText + (e.unit.isEmpty ? "" : " (\(e.unit))"), e.doc]
        }
        let widths = (0..<3).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            (0..<3).map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + r[3]
        }.joined(separator: "\n")
    }

    static func show(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
