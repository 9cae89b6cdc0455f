import Foundation
import Yams

extension Scenario {
    /// Reads and validates a scenario file, with command-line overrides applied first.
    /// - Throws: `ScenarioError` listing every problem with its file, line, field and state.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(problems: [
                ScenarioProblem(file: path, line: nil, field: "(file)", state: nil,
                                message: "cannot read the file: \(error.localizedDescription)"),
            ])
        }
        return try parse(yaml: text, file: path, overrides: overrides)
    }

    /// Parses and validates scenario YAML; `file` only labels the problems.
    public static func parse(yaml: String, file: String = "<scenario>", overrides: [ScenarioOverride] = []) throws -> Scenario {
        var parser = ScenarioParser(file: file, overrides: overrides)
        let scenario = parser.parse(yaml)
        parser.attributeOverrides()
        if let scenario, parser.problems.isEmpty { return scenario }
        throw ScenarioError(problems: parser.problems)
    }
}

/// Walks the YAML node tree so every problem can name its line, collecting all of them.
struct ScenarioParser {
    let file: String
    let overrides: [ScenarioOverride]
    var problems: [ScenarioProblem] = []

    init(file: String, overrides: [ScenarioOverride] = []) {
        self.file = file
        self.overrides = overrides
    }

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

    mutating func parse(_ yaml: String) -> Scenario? {
        let root: Node
        do {
            guard var node = try Yams.compose(yaml: yaml) else {
                problem(nil, "(document)", "the file is empty; a scenario needs at least `name` and `states`")
                return nil
            }
            for override in overrides { node = try node.applying(override) }
            root = node
        } catch let error as ScenarioError {
            problems += error.problems
            return nil
        } catch let error as YamlError {
            problems.append(ScenarioProblem(file: file, line: Self.line(of: error), field: "(yaml)", state: nil,
                                            message: "not valid YAML: \(error)"))
            return nil
        } catch {
            problem(nil, "(yaml)", "not valid YAML: \(error)")
            return nil
        }
        guard let top = root.mapping else {
            problem(root, "(document)", "the top level must be a mapping with keys such as `name`, `states`, `borders`")
            return nil
        }
        checkKeys(top, allowed: Self.topKeys, at: "")

        let name = string(top["name"], "name", required: true) ?? ""
        let states = parseStates(top["states"])
        var scenario = Scenario(name: name, states: states)
        scenario.description = string(top["description"], "description") ?? ""
        if let seed = top["seed"] {
            if let v = seed.int, v >= 0 { scenario.seed = UInt64(v) } else { problem(seed, "seed", "must be a non-negative integer") }
        }
        scenario.rounds = positiveInt(top["rounds"], "rounds", max: Scenario.maxRounds) ?? scenario.rounds
        scenario.negotiationSteps = positiveInt(top["negotiation_steps"], "negotiation_steps", max: 255) ?? scenario.negotiationSteps
        scenario.threat = block(top["threat"], "threat", rules: Self.threatRules) ?? scenario.threat
        scenario.proximity = block(top["proximity"], "proximity", rules: Self.proximityRules) ?? scenario.proximity
        let ids = Set(scenario.ids)
        scenario.observation = observationBlock(top["observation"], "observation", base: scenario.observation, ids: ids, state: nil)
        scenario.world = block(top["world"], "world", rules: Self.worldRules) ?? scenario.world
        scenario.timeouts = block(top["timeouts"], "timeouts", rules: Self.timeoutRules) ?? scenario.timeouts
        scenario.policy = block(top["policy"], "policy", rules: Self.policyRules) ?? scenario.policy

        // Per-state overrides sit on top of the scenario's policy parameters.
        if let seq = top["states"]?.sequence {
            for (k, node) in seq.enumerated() where k < scenario.states.count {
                guard let params = node["params"] else { continue }
                let field = "states[\(k)].params"
                let id = scenario.states[k].id
                guard params.mapping != nil else { problem(params, field, "must be a mapping of policy parameters", state: id); continue }
                guard checkNumbers(params, field, rules: Self.policyRules, state: id) else { continue }
                do {
                    let decoded = try YAMLDecoder().decode(Overrides.self, from: params, userInfo: [Overrides.baseKey: scenario.policy])
                    scenario.states[k].params = decoded.params
                } catch {
                    problem(params, field, "\(Self.explain(error))", state: id)
                }
            }
            for k in scenario.states.indices where seq[k]["params"] == nil {
                scenario.states[k].params = scenario.policy
            }
            // Per-state observation settings sit on top of the scenario's; observe_range is short for range.
            for (k, node) in seq.enumerated() where k < scenario.states.count {
                let id = scenario.states[k].id
                var own = observationBlock(node["observation"], "states[\(k)].observation", base: scenario.observation, ids: ids, state: id)
                if let r = node["observe_range"] {
                    if let v = r.float, v == v.rounded(), (0...1000).contains(v) { own.range = Int(v); own.visibility = .hops } else {
                        problem(r, "states[\(k)].observe_range", "must be an integer from 0 to 1000 (hops)", state: id)
                    }
                }
                scenario.states[k].observation = own
            }
        }
        scenario.borders = parseBorders(top["borders"], ids: ids)
        scenario.alliances = parseAlliances(top["alliances"], ids: ids)
        scenario.communication = parseCommunication(top["communication"], ids: ids)
        scenario.channels = parseChannels(top["channels"], ids: ids)
        scenario.deception = parseDeception(top["deception"], ids: ids)
        scenario.referenceAlignment = parseBlocs(top["reference_alignment"], "reference_alignment", ids: ids)
        if let seq = top["states"]?.sequence {
            for (k, node) in seq.enumerated() where k < scenario.states.count {
                guard let d = node["deceive"] else { continue }
                if let b = d.bool { scenario.states[k].deceive = b } else {
                    problem(d, "states[\(k)].deceive", "must be true or false", state: scenario.states[k].id)
                }
            }
        }
        if problems.isEmpty { scenario.normalisePower() }
        return scenario
    }

    /// Ids name sockets, files and CSV fields: keep them short and plain.
    static func isValidID(_ id: String) -> Bool {
        (1...32).contains(id.count) && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// The range of one numeric parameter.
    struct NumberRule {
        var range: ClosedRange<Double>
        var integer = false

        var text: String {
            let kind = integer ? "an integer" : "a number"
            if range.upperBound == .greatestFiniteMagnitude { return "\(kind) ≥ \(Self.show(range.lowerBound))" }
            return "\(kind) from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound))"
        }

        static func show(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        static let nonNegative = NumberRule(range: 0...Double.greatestFiniteMagnitude)
        static let unit = NumberRule(range: 0...1)
        static let count = NumberRule(range: 0...1000, integer: true)
    }

    static let threatRules: [String: NumberRule] = [
        "power_exponent": NumberRule(range: 0...10), "offense_weight": NumberRule(range: 0...100),
        "intent_base": NumberRule(range: 0...100), "intent_weight": NumberRule(range: 0...100),
    ]
    static let proximityRules: [String: NumberRule] = Dictionary(
        uniqueKeysWithValues: ["land", "sea12", "sea24", "sea150", "sea400", "hop_decay", "floor"].map { ($0, NumberRule.unit) })
    static let observationRules: [String: NumberRule] = [
        "noise": NumberRule(range: 0...10), "noise_power": NumberRule(range: 0...10), "noise_offense": NumberRule(range: 0...10),
        "noise_intent": NumberRule(range: 0...10), "distance_noise": NumberRule(range: 0...100),
        "intelligence": NumberRule(range: 0.01...100), "range": .count, "lag": .count,
    ]
    static let timeoutRules: [String: NumberRule] = [
        "join_seconds": NumberRule(range: 0.1...86400), "phase_seconds": NumberRule(range: 0.1...86400),
    ]
    static let worldRules: [String: NumberRule] = [
        "growth_sd": NumberRule(range: 0...5), "war_aggression": .unit, "war_odds": .nonNegative, "war_reach": .unit,
        "war_chance": .unit, "war_decisiveness": NumberRule(range: 0...100), "war_cost": .unit, "elimination_power": .unit,
        "aggression_step": .unit, "neutralised_ratio": .unit, "betrayal_ratio": .nonNegative,
    ]
    static let policyRules: [String: NumberRule] = [
        "weak_ratio": .nonNegative, "ally_margin": .nonNegative, "near_proximity": .unit, "certain_victory": .unit,
        "war_bandwagon": .unit, "threat_floor": .nonNegative, "max_offers": .count, "max_allies": .count, "trust": .unit,
        "shared_threat_rank": .count, "assessment_size": .count, "random_bandwagon": .unit,
    ]

    static let topKeys = ["name", "description", "source", "seed", "rounds", "negotiation_steps", "timeouts",
                          "threat", "proximity", "observation", "world", "policy", "states", "borders", "alliances",
                          "communication", "channels", "deception", "reference_alignment"]

    // MARK: States

    mutating func parseStates(_ node: Node?) -> [StateSpec] {
        guard let node else { problem(nil, "states", "missing: a scenario needs a list of states"); return [] }
        guard let seq = node.sequence, !seq.isEmpty else {
            problem(node, "states", "must be a non-empty list of states"); return []
        }
        var states: [StateSpec] = []
        var seen: [StateID: Int] = [:]
        for (k, item) in seq.enumerated() {
            let field = "states[\(k)]"
            guard let map = item.mapping else { problem(item, field, "must be a mapping with id, name, power, ..."); continue }
            checkKeys(map, allowed: ["id", "name", "power", "offense", "aggressiveness", "policy", "observation", "observe_range", "deceive", "params", "note"], at: field)
            let id = string(map["id"], "\(field).id", required: true, parent: item) ?? "?"
            if id != "?", !Self.isValidID(id) {
                problem(map["id"], "\(field).id", "'\(id)' is not a valid id: use 1 to 32 letters, digits, '_' or '-' (e.g. GMY)", state: id)
            }
            if let first = seen[id] {
                problem(map["id"], "\(field).id", "duplicate id '\(id)' (first used by states[\(first)])", state: id)
            }
            seen[id] = k
            let name = string(map["name"], "\(field).name") ?? id
            let power = number(map["power"], "\(field).power", state: id, required: true, range: 0...1e12,
                               hint: "a number from 0 to 1e12 (a CINC value or any power index)", parent: item) ?? 0
            let offense = number(map["offense"], "\(field).offense", state: id, required: true, range: 0...1, hint: "a number in [0, 1]", parent: item) ?? 0
            let aggr = number(map["aggressiveness"], "\(field).aggressiveness", state: id, required: true, range: 0...1, hint: "a number in [0, 1]", parent: item) ?? 0
            var policy = PolicyKind.walt
            if let p = map["policy"] {
                if let s = p.string, let kind = PolicyKind(rawValue: s) { policy = kind } else {
                    problem(p, "\(field).policy", "unknown policy '\(p.string ?? "?")'; use one of \(PolicyKind.allCases.map(\.rawValue).joined(separator: ", "))", state: id)
                }
            }
            states.append(StateSpec(id: id, name: name, power: power, offense: offense, aggressiveness: aggr,
                                    policy: policy))
        }
        if states.count >= 2, states.allSatisfy({ $0.power == 0 }) {
            problem(node, "states", "every state has power 0; at least one needs positive power")
        }
        if states.count < 2 { problem(node, "states", "needs at least two states") }
        return states
    }

    // MARK: Map and alliances

    mutating func parseBorders(_ node: Node?, ids: Set<StateID>) -> [Border] {
        guard let node else { return [] }
        guard let seq = node.sequence else { problem(node, "borders", "must be a list of {a, b, contact}"); return [] }
        var borders: [Border] = []
        for (k, item) in seq.enumerated() {
            let field = "borders[\(k)]"
            guard let map = item.mapping else { problem(item, field, "must be a mapping {a: X, b: Y, contact: land}"); continue }
            checkKeys(map, allowed: ["a", "b", "contact", "proximity"], at: field)
            let a = knownState(map["a"], "\(field).a", ids: ids, parent: item)
            let b = knownState(map["b"], "\(field).b", ids: ids, parent: item)
            var contact = Contact.land
            if let c = map["contact"] {
                if let s = c.string, let v = Contact(rawValue: s) { contact = v } else {
                    problem(c, "\(field).contact", "unknown contact '\(c.string ?? "?")'; use one of \(Contact.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let proximity = number(map["proximity"], "\(field).proximity", state: nil, required: false, range: 0...1, hint: "a number in [0, 1]")
            if let a, let b {
                if a == b { problem(item, field, "a state cannot border itself", state: a) }
                borders.append(Border(a, b, contact, proximity: proximity))
            }
        }
        return borders
    }

    mutating func parseAlliances(_ node: Node?, ids: Set<StateID>, field list: String = "alliances") -> [[StateID]] {
        guard let node else { return [] }
        guard let seq = node.sequence else { problem(node, list, "must be a list of pairs such as [FRN, RUS]"); return [] }
        var pairs: [[StateID]] = []
        for (k, item) in seq.enumerated() {
            let field = "\(list)[\(k)]"
            guard let pair = item.sequence, pair.count == 2 else { problem(item, field, "must be a pair of state ids, e.g. [FRN, RUS]"); continue }
            let a = knownState(pair[0], "\(field)[0]", ids: ids)
            let b = knownState(pair[1], "\(field)[1]", ids: ids)
            if let a, let b {
                if a == b { problem(item, field, "a pair needs two different states", state: a) } else { pairs.append([a, b]) }
            }
        }
        return pairs
    }

    // MARK: Information asymmetry

    mutating func parseCommunication(_ node: Node?, ids: Set<StateID>) -> CommunicationParameters {
        var c = CommunicationParameters()
        guard let node else { return c }
        guard checkNumbers(node, "communication", rules: ["hops": .count], state: nil, otherKeys: ["topology", "edges"]) else { return c }
        if let t = node["topology"] {
            if let v = Topology(rawValue: t.string ?? "") { c.topology = v } else {
                problem(t, "communication.topology", "unknown topology '\(t.string ?? "?")'; use one of \(Topology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let h = node["hops"]?.float { c.hops = Int(h) }
        if let e = node["edges"] {
            c.edges = parseAlliances(e, ids: ids, field: "communication.edges")
        }
        if c.topology == .explicit && node["edges"] == nil {
            problem(node, "communication.edges", "missing: `topology: explicit` needs a list of pairs such as [FRN, RUS]")
        }
        return c
    }

    static let channelRules: [String: NumberRule] = ["loss": .unit, "delay": .count]

    mutating func parseChannels(_ node: Node?, ids: Set<StateID>) -> ChannelParameters {
        var c = ChannelParameters()
        guard let node else { return c }
        guard checkNumbers(node, "channels", rules: Self.channelRules, state: nil, otherKeys: ["pairs"]) else { return c }
        c.all = ChannelQuality(loss: node["loss"]?.float ?? 0, delay: Int(node["delay"]?.float ?? 0))
        guard let pairs = node["pairs"] else { return c }
        guard let seq = pairs.sequence else { problem(pairs, "channels.pairs", "must be a list of {a, b, loss, delay}"); return c }
        for (k, item) in seq.enumerated() {
            let field = "channels.pairs[\(k)]"
            guard item.mapping != nil else { problem(item, field, "must be a mapping {a: X, b: Y, loss: 0.5, delay: 1}"); continue }
            guard checkNumbers(item, field, rules: Self.channelRules, state: nil, otherKeys: ["a", "b"]) else { continue }
            let a = knownState(item["a"], "\(field).a", ids: ids, parent: item)
            let b = knownState(item["b"], "\(field).b", ids: ids, parent: item)
            if let a, a == b { problem(item, field, "a channel needs two different states", state: a); continue }
            if let a, let b {
                c.pairs.append((a, b, ChannelQuality(loss: item["loss"]?.float ?? c.all.loss, delay: item["delay"]?.float.map { Int($0) } ?? c.all.delay)))
            }
        }
        return c
    }

    mutating func parseDeception(_ node: Node?, ids: Set<StateID>) -> DeceptionParameters {
        var d = DeceptionParameters()
        guard let node else { return d }
        guard checkNumbers(node, "deception", rules: ["share": .unit, "inflation": NumberRule(range: 0...100)], state: nil,
                           otherKeys: ["states"]) else { return d }
        d.share = node["share"]?.float ?? d.share
        d.inflation = node["inflation"]?.float ?? d.inflation
        if let list = node["states"] {
            if let seq = list.sequence {
                d.states = seq.enumerated().compactMap { knownState($0.element, "deception.states[\($0.offset)]", ids: ids) }
            } else {
                problem(list, "deception.states", "must be a list of state ids")
            }
        }
        return d
    }

    /// A partition of some states into blocs: each state in one bloc at most.
    mutating func parseBlocs(_ node: Node?, _ field: String, ids: Set<StateID>) -> [[StateID]]? {
        guard let node else { return nil }
        guard let seq = node.sequence else { problem(node, field, "must be a list of blocs, each a list of state ids"); return nil }
        var seen: Set<StateID> = []
        var blocs: [[StateID]] = []
        for (k, item) in seq.enumerated() {
            guard let members = item.sequence, !members.isEmpty else { problem(item, "\(field)[\(k)]", "must be a non-empty list of state ids"); continue }
            var bloc: [StateID] = []
            for (m, member) in members.enumerated() {
                guard let id = knownState(member, "\(field)[\(k)][\(m)]", ids: ids) else { continue }
                if !seen.insert(id).inserted { problem(member, "\(field)[\(k)][\(m)]", "\(id) is in two blocs", state: id) }
                bloc.append(id)
            }
            blocs.append(bloc)
        }
        return blocs
    }

    // MARK: Field helpers

    mutating func knownState(_ node: Node?, _ field: String, ids: Set<StateID>, parent: Node? = nil) -> StateID? {
        guard let id = string(node, field, required: true, parent: parent) else { return nil }
        guard ids.contains(id) else {
            problem(node, field, "unknown state '\(id)': it is not listed under `states`", state: id)
            return nil
        }
        return id
    }

    mutating func checkKeys(_ map: Node.Mapping, allowed: [String], at field: String, state: StateID? = nil) {
        for key in map.keys {
            guard let k = key.string, !allowed.contains(k) else { continue }
            let path = field.isEmpty ? k : "\(field).\(k)"
            problem(key, path, "unknown field; expected one of \(allowed.joined(separator: ", "))", state: state)
        }
    }

    mutating func string(_ node: Node?, _ field: String, required: Bool = false, parent: Node? = nil) -> String? {
        guard let node else {
            if required { problem(parent, field, "missing (required)") }
            return nil
        }
        guard node.scalar != nil, let s = node.string, !s.isEmpty else {
            problem(node, field, "must be a non-empty string")
            return nil
        }
        return s
    }

    mutating func positiveInt(_ node: Node?, _ field: String, max: Int) -> Int? {
        guard let node else { return nil }
        guard let v = node.int, v > 0, v <= max else { problem(node, field, "must be an integer from 1 to \(max)"); return nil }
        return v
    }

    mutating func number(_ node: Node?, _ field: String, state: StateID?, required: Bool,
                         range: ClosedRange<Double>, hint: String, parent: Node? = nil) -> Double? {
        guard let node else {
            if required { problem(parent, field, "missing (required): \(hint)", state: state) }
            return nil
        }
        guard let v = node.float, v.isFinite else { problem(node, field, "must be \(hint), not '\(node.string ?? "?")'", state: state); return nil }
        guard range.contains(v) else { problem(node, field, "\(v) is out of range: must be \(hint)", state: state); return nil }
        return v
    }

    /// A parameter block: every key known, every value a number in its range; decoded only when all are.
    mutating func block<T: Decodable>(_ node: Node?, _ field: String, rules: [String: NumberRule]) -> T? {
        guard let node else { return nil }
        guard node.mapping != nil else { problem(node, field, "must be a mapping"); return nil }
        guard checkNumbers(node, field, rules: rules, state: nil) else { return nil }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch {
            problem(node, field, Self.explain(error))
            return nil
        }
    }

    /// An observation block: numbers in range, a known visibility, known states in `visible`.
    mutating func observationBlock(_ node: Node?, _ field: String, base: ObservationParameters, ids: Set<StateID>,
                                   state: StateID?) -> ObservationParameters {
        guard let node else { return base }
        guard node.mapping != nil else { problem(node, field, "must be a mapping", state: state); return base }
        var ok = checkNumbers(node, field, rules: Self.observationRules, state: state, otherKeys: ["visibility", "visible"])
        if let v = node["visibility"], Visibility(rawValue: v.string ?? "") == nil {
            problem(v, "\(field).visibility", "unknown visibility '\(v.string ?? "?")'; use one of \(Visibility.allCases.map(\.rawValue).joined(separator: ", "))", state: state)
            ok = false
        }
        if let list = node["visible"] {
            if let seq = list.sequence {
                for (k, item) in seq.enumerated() where knownState(item, "\(field).visible[\(k)]", ids: ids) == nil { ok = false }
            } else {
                problem(list, "\(field).visible", "must be a list of state ids", state: state)
                ok = false
            }
        }
        guard ok else { return base }
        do {
            return try YAMLDecoder().decode(ObservationOverrides.self, from: node, userInfo: [ObservationOverrides.baseKey: base]).params
        } catch {
            problem(node, field, Self.explain(error), state: state)
            return base
        }
    }

    /// Checks every key of a parameter mapping against its rule, reporting each problem with its line.
    /// - Returns: true when there was none.
    mutating func checkNumbers(_ node: Node, _ field: String, rules: [String: NumberRule], state: StateID?,
                               otherKeys: [String] = []) -> Bool {
        let before = problems.count
        guard let map = node.mapping else { return false }
        checkKeys(map, allowed: (rules.keys.sorted() + otherKeys).sorted(), at: field, state: state)
        for (key, value) in map {
            guard let name = key.string, let rule = rules[name] else { continue }
            let path = "\(field).\(name)"
            guard let v = value.float, v.isFinite else {
                problem(value, path, "must be \(rule.text), not '\(value.string ?? "?")'", state: state)
                continue
            }
            if !rule.range.contains(v) || (rule.integer && v != v.rounded()) {
                problem(value, path, "\(value.string ?? String(v)) is out of range: must be \(rule.text)", state: state)
            }
        }
        return problems.count == before
    }

    static func explain(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .typeMismatch(let type, let ctx), .valueNotFound(let type, let ctx):
                let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                return "\(path.isEmpty ? "value" : path): expected \(type)"
            case .dataCorrupted(let ctx):
                let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                return "\(path): \(ctx.debugDescription)"
            case .keyNotFound(let key, _):
                return "\(key.stringValue): missing"
            @unknown default:
                return "\(e)"
            }
        }
        return "\(error)"
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

/// Decodes an `observation` block on top of the settings it refines.
private struct ObservationOverrides: Decodable {
    static let baseKey = CodingUserInfoKey(rawValue: "entente.observation.base")!
    let params: ObservationParameters

    init(from decoder: Decoder) throws {
        params = try ObservationParameters(from: decoder, base: decoder.userInfo[Self.baseKey] as? ObservationParameters ?? .init())
    }
}

/// Decodes a state's `params` on top of the scenario's policy parameters.
private struct Overrides: Decodable {
    static let baseKey = CodingUserInfoKey(rawValue: "entente.policy.base")!
    let params: PolicyParameters

    init(from decoder: Decoder) throws {
        let base = decoder.userInfo[Self.baseKey] as? PolicyParameters ?? PolicyParameters()
        params = try PolicyParameters(from: decoder, base: base)
    }
}
