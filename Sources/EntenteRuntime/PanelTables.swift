import Dispatch
import EntenteModel
import Foundation

/// The run's panel tables, written a round at a time beside events.jsonl (docs/LOGS.md):
/// `states.csv`, one row per state per round, and at the full log level `threats.csv`,
/// one row per state, round and target with the perceived and the true threat. They are
/// views of what the log holds, in the shape R and pandas read directly.
///
/// Rows are made and written on a queue of their own, from values the round hands over
/// (the world is a value), so the coordinator's timeline never waits on them; `finish`
/// waits for the last.
final class PanelTables: @unchecked Sendable {
    static let statesHeader = "state,round,alive,power,perceived_threat,perceived_score,true_threat,true_score,stance,rule_code,allies,side"
    static let threatsHeader = "state,round,target,perceived_score,perceived_power,perceived_proximity,perceived_offense,perceived_intent,"
        + "true_score,true_power,true_proximity,true_offense,true_intent"

    private let states: FileHandle?
    private let threats: FileHandle?
    private let queue = DispatchQueue(label: "entente.panel-tables")

    /// - Parameters: folder: the run folder (nil: no tables); full: also threats.csv.
    init(folder: String?, full: Bool) {
        func open(_ name: String, _ header: String) -> FileHandle? {
            guard let folder else { return nil }
            let path = folder + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data((header + "\n").utf8)) else { return nil }
            let handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
            return handle
        }
        states = open("states.csv", Self.statesHeader)
        threats = full ? open("threats.csv", Self.threatsHeader) : nil
    }

    deinit {
        try? states?.close()
        try? threats?.close()
    }

    /// Appends a round: the world as the round ended, each state's decision of it, and the
    /// whole perceived ranking of the states that reported one (the full log level asks).
    func record(round: Int, ids: [StateID], world: World, decisions: [StateID: Decision], rankings: [StateID: [ThreatScore]] = [:]) {
        guard states != nil || threats != nil else { return }
        queue.async { [self] in write(round: round, ids: ids, world: world, decisions: decisions, rankings: rankings) }
    }

    /// Returns once every round recorded is written.
    func finish() { queue.sync {} }

    private func write(round: Int, ids: [StateID], world: World, decisions: [StateID: Decision], rankings: [StateID: [ThreatScore]]) {
        let sides = blocs(of: world.live, alliances: world.alliances.map(\.members))
        var sideOf: [StateID: [StateID]] = [:]
        for side in sides { for id in side { sideOf[id] = side } }
        var alliesOf: [StateID: Set<StateID>] = [:]
        for a in world.alliances { for id in a.members { alliesOf[id, default: []].formUnion(a.members.filter { $0 != id }) } }
        var stateRows = "", threatRows = ""
        for id in ids {
            let d = decisions[id]
            // The threats table lists the whole true ranking; the states table only its top.
            let truth = world.isLive(id) ? world.trueThreats(to: id, top: threats == nil ? 1 : nil) : []
            let perceivedScore = d?.threats.first { $0.target == d?.threat }?.score
            stateRows += [id, String(round), world.isLive(id) ? "TRUE" : "FALSE", number(world.power(id)),
                          d?.threat ?? "", perceivedScore.map(number) ?? "", truth.first?.target ?? "", truth.first.map { number($0.score) } ?? "",
                          d?.stance.rawValue ?? "", d.map { $0.rule.code.name } ?? "",
                          (alliesOf[id] ?? []).sorted().joined(separator: " "), (sideOf[id] ?? []).joined(separator: " ")].joined(separator: ",") + "\n"
            guard threats != nil else { continue }
            let perceived = Dictionary((rankings[id] ?? d?.threats ?? []).map { ($0.target, $0) }, uniquingKeysWith: { a, _ in a })
            for t in truth {
                threatRows += ([id, String(round), t.target] + columns(perceived[t.target]) + columns(t)).joined(separator: ",") + "\n"
            }
        }
        states?.write(Data(stateRows.utf8))
        threats?.write(Data(threatRows.utf8))
    }

    private func columns(_ t: ThreatScore?) -> [String] {
        guard let t else { return ["", "", "", "", ""] }
        let c = t.components
        return [t.score, c.power, c.proximity, c.offense, c.intent].map(number)
    }

    private func number(_ x: Double) -> String { x.isFinite ? x.description : "" }
}
