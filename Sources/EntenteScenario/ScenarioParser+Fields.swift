import EntenteModel
import Yams

// Field helpers: every problem recorded with its line, field and state.
extension ScenarioParser {
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
}
