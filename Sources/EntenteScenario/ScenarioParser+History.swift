import EntenteModel
import Yams

// The scenario's date and its dispute history (docs/SCENARIOS.md, `year` and `disputes`).
extension ScenarioParser {
    mutating func parseHistory(_ top: Node.Mapping, into scenario: inout Scenario, ids: Set<StateID>) {
        if let y = top["year"] {
            if let v = y.int, (1...9999).contains(v) { scenario.year = v } else {
                problem(y, "year", "must be a year from 1 to 9999 (the year of the scenario's date), not '\(y.string ?? "?")'")
            }
        }
        guard let node = top["disputes"] else { return }
        guard let seq = node.sequence else {
            problem(node, "disputes", "must be a list of {by, against, year, level, mid}"); return
        }
        if !seq.isEmpty, top["year"] == nil {
            problem(node, "disputes", "needs the scenario's `year`: a dispute's weight depends on how long before it it started")
        }
        let levels = Dispute.Level.allCases.map(\.rawValue).joined(separator: ", ")
        for (k, item) in seq.enumerated() {
            let field = "disputes[\(k)]"
            guard let map = item.mapping else {
                problem(item, field, "must be a mapping {by: AUH, against: YUG, year: 1908, level: force, mid: 1250}"); continue
            }
            checkKeys(map, allowed: ["by", "against", "year", "level", "mid"], at: field)
            let by = knownState(map["by"], "\(field).by", ids: ids, parent: item)
            let against = knownState(map["against"], "\(field).against", ids: ids, parent: item)
            let year = whole(map["year"], "\(field).year", parent: item)
            let mid = whole(map["mid"], "\(field).mid", parent: item)
            var level: Dispute.Level?
            if let l = map["level"] {
                level = l.string.flatMap(Dispute.Level.init(rawValue:))
                if level == nil { problem(l, "\(field).level", "unknown level '\(l.string ?? "?")'; use one of \(levels)") }
            } else {
                problem(item, "\(field).level", "missing (required): one of \(levels)")
            }
            if let by, by == against { problem(item, field, "a state cannot dispute with itself", state: by); continue }
            if let year, let date = scenario.year, year >= date {
                problem(map["year"], "\(field).year", "\(year) is not before the scenario's year \(date): history is what came before it")
                continue
            }
            if let by, let against, let year, let level, let mid {
                scenario.disputes.append(Dispute(by: by, against: against, year: year, level: level, mid: mid))
            }
        }
    }

    private mutating func whole(_ node: Node?, _ field: String, parent: Node) -> Int? {
        guard let node else { problem(parent, field, "missing (required): a whole number"); return nil }
        guard let v = node.int, v >= 0 else { problem(node, field, "must be a whole number, not '\(node.string ?? "?")'"); return nil }
        return v
    }
}
