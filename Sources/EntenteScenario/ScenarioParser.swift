import EntenteModel
import Yams

/// Walks a scenario's YAML node tree so every problem can name its line, collecting all
/// of them, and resolves each state's effective settings (the file's, then its own).
struct ScenarioParser {
    let file: String
    let overrides: [ScenarioOverride]
    var problems: [ScenarioProblem] = []

    static let topKeys = ["name", "description", "source", "seed", "timeouts", "threat", "proximity", "observation",
                          "world", "policy", "states", "borders", "alliances", "communication", "channels", "deception",
                          "reference_alignment", "classification", "year", "disputes", "history"] + Scenario.runParameters.map(\.key)

    /// Problems with no line that an override caused say so (an override has no place in the file).
    mutating func attributeOverrides() {
        for k in problems.indices where problems[k].line == nil {
            let last = problems[k].field.split(separator: ".").last.map(String.init)
            if let o = overrides.first(where: { $0.key == problems[k].field || $0.path.last == last }) {
                problems[k].message += " (set on the command line: \(o))"
            }
        }
    }

    mutating func problem(_ node: Node?, _ field: String, _ message: String, state: StateID? = nil) {
        problems.append(ScenarioProblem(file: file, line: node?.mark?.line, field: field, state: state, message: message))
    }

    mutating func parse(_ root: Node) -> Scenario? {
        guard let top = root.mapping else {
            problem(root, "(document)", "the top level must be a mapping with keys such as `name`, `states`, `borders`")
            return nil
        }
        checkKeys(top, allowed: Self.topKeys, at: "")

        let name = string(top["name"], "name", required: true) ?? ""
        var scenario = Scenario(name: name, states: parseStates(top["states"]))
        scenario.description = string(top["description"], "description") ?? ""
        if let seed = top["seed"] {
            if let v = seed.int, v >= 0 { scenario.seed = UInt64(v) } else { problem(seed, "seed", "must be a non-negative integer") }
        }
        assign(top, "", Scenario.runParameters, into: &scenario, state: nil)
        scenario.threat = block(top["threat"], "threat", base: ThreatWeights())
        scenario.proximity = block(top["proximity"], "proximity", base: ProximityWeights())
        scenario.world = block(top["world"], "world", base: WorldParameters())
        scenario.timeouts = block(top["timeouts"], "timeouts", base: Timeouts())
        scenario.classification = block(top["classification"], "classification", base: ClassificationParameters())
        scenario.history = block(top["history"], "history", base: HistoryParameters())
        let ids = Set(scenario.ids)
        resolveStates(&scenario, top, ids: ids)
        scenario.borders = parseBorders(top["borders"], ids: ids)
        scenario.alliances = parseAlliances(top["alliances"], ids: ids)
        scenario.communication = parseCommunication(top["communication"], ids: ids)
        scenario.channels = parseChannels(top["channels"], ids: ids)
        scenario.deception = parseDeception(top["deception"], ids: ids)
        scenario.referenceAlignment = parseBlocs(top["reference_alignment"], "reference_alignment", ids: ids)
        parseHistory(top, into: &scenario, ids: ids)
        if problems.isEmpty { scenario.normalisePower() }
        return scenario
    }

    /// Each state's policy parameters and observation settings: the scenario's, with the
    /// keys the state sets itself replacing them; its own `deceive`; and its `command`.
    mutating func resolveStates(_ scenario: inout Scenario, _ top: Node.Mapping, ids: Set<StateID>) {
        let policy = block(top["policy"], "policy", base: PolicyParameters())
        let observation = observationBlock(top["observation"], "observation", base: ObservationParameters(), ids: ids, state: nil)
        guard let seq = top["states"]?.sequence else { return }
        for (k, node) in seq.enumerated() where k < scenario.states.count {
            let id = scenario.states[k].id
            let field = "states[\(k)]"
            scenario.states[k].params = block(node["params"], "\(field).params", base: policy, state: id)
            var own = observationBlock(node["observation"], "\(field).observation", base: observation, ids: ids, state: id)
            // observe_range is short for `observation: {visibility: hops, range: k}`.
            if let r = node["observe_range"], let p = ObservationParameters.parameter(ObservationParameters.key(\.range)) {
                if let v = r.float, p.problem(with: v) == nil {
                    p.set(v, in: &own)
                    own.visibility = .hops
                } else {
                    problem(r, "\(field).observe_range", "must be \(p.rangeText) (hops)", state: id)
                }
            }
            scenario.states[k].observation = own
            if let c = node["command"] {
                let words = c.sequence?.compactMap { $0.scalar != nil ? $0.string : nil } ?? []
                if let seq = c.sequence, !seq.isEmpty, words.count == seq.count, words.allSatisfy({ !$0.isEmpty }) {
                    scenario.states[k].command = words
                } else {
                    problem(c, "\(field).command", "must be a non-empty list of words, e.g. [python3, -m, mypolicy]", state: id)
                }
            }
            if let d = node["deceive"] {
                if let b = d.bool { scenario.states[k].deceive = b } else { problem(d, "\(field).deceive", "must be true or false", state: id) }
            }
        }
    }
}
