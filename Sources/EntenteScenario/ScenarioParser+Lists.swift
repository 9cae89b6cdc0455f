import EntenteModel
import Yams

// The lists of a scenario: states, borders, alliances and blocs.
extension ScenarioParser {
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
            checkKeys(map, allowed: ["id", "name", "power", "offense", "aggressiveness", "policy", "observation", "observe_range", "deceive", "params", "note", "command"], at: field)
            let id = string(map["id"], "\(field).id", required: true, parent: item) ?? "?"
            if id != "?", !isValidStateID(id) {
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
}
