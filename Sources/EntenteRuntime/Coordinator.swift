import EntenteModel
import EntenteWire
import Foundation

/// What a run is: the scenario and everything that decides its outcome.
public struct RunSettings: Sendable {
    public var scenario: Scenario
    public var scenarioPath: String
    public var seed: UInt64
    public var rounds: Int
    public var runID: String
    public var engine: Engine
    public var transport: Transport
    /// The `path=value` overrides applied to the scenario file (already in `scenario`).
    public var overrides: [String]

    public init(scenario: Scenario, scenarioPath: String, seed: UInt64? = nil, rounds: Int? = nil,
                runID: String, engine: Engine, transport: Transport, overrides: [String] = []) {
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.seed = seed ?? scenario.seed
        self.rounds = rounds ?? scenario.rounds
        self.runID = runID
        self.engine = engine
        self.transport = transport
        self.overrides = overrides
    }
}

/// The coordinator: holds the ground truth, runs the timeline (observe, assess, negotiate
/// × k, commit, resolve), forms alliances on mutual consent, classifies every alignment
/// decision, and logs it all. It decides nothing for the states.
public final class Coordinator {
    public let settings: RunSettings
    public private(set) var world: World
    let log: EventLog
    let outDirectory: String?
    var records: [AlignmentRecord] = []
    var warsStarted = 0
    var eliminated: [StateID] = []
    var joined: [StateID: JoinedState] = [:]
    /// The true attributes at the start of recent rounds, for intelligence lag.
    var history: [[StateID: Attributes]] = []
    /// The longest intelligence lag of any state.
    let maxLag: Int
    /// The scenario's states by id (lookups happen per letter on the hot path).
    let specs: [StateID: StateSpec]
    /// Who may send letters to whom (the communication topology).
    let peers: [StateID: Set<StateID>]
    /// Forms alliances on mutual consent and classifies them.
    let formation: AllianceFormation
    /// States that misreport their assessments in this run.
    let deceivers: Set<StateID>
    /// Letters on their way this round, with the phase index they are due in.
    var inFlight: [(due: Int, letter: Letter)] = []
    /// Called after each round with (round, rounds).
    public var progress: ((Int, Int) -> Void)?
    /// Asked before each round; a reason stops the run (e.g. the sweep that started it is gone).
    public var stopRequested: (() -> String?)?

    var scenario: Scenario { settings.scenario }

    /// - Parameter outDirectory: where events.jsonl, summary.json and alliances.csv go (nil: nowhere).
    public init(_ settings: RunSettings, outDirectory: String?) throws {
        self.settings = settings
        self.outDirectory = outDirectory
        world = World(settings.scenario)
        specs = Dictionary(uniqueKeysWithValues: settings.scenario.states.map { ($0.id, $0) })
        maxLag = settings.scenario.states.map(\.observation.lag).max() ?? 0
        peers = settings.scenario.communication.peers(ids: settings.scenario.ids, geography: world.geography).mapValues(Set.init)
        formation = AllianceFormation(params: specs.mapValues(\.params), peers: peers)
        // With inflation 1 a "deceiver" would say what it believes: nobody deceives.
        deceivers = settings.scenario.deception.inflation == 1 ? [] : Set(settings.scenario.states.filter {
            settings.scenario.deception.deceives($0.id, seed: settings.seed, own: $0.deceive)
        }.map(\.id))
        if let outDirectory {
            try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
        }
        log = try EventLog(path: outDirectory.map { $0 + "/events.jsonl" })
    }

    // MARK: Welcome

    func welcome(for id: StateID, endpoints: [StateID: String]) -> Welcome {
        let spec = specs[id]!
        let weights = scenario.proximity
        return Welcome(
            runID: settings.runID, state: id, seed: settings.seed, rounds: UInt16(settings.rounds),
            negotiationSteps: UInt8(scenario.negotiationSteps),
            phaseTimeoutMs: UInt32(scenario.timeouts.phaseSeconds * 1000), policy: spec.policy, params: spec.params,
            threat: scenario.threat, warDecisiveness: scenario.world.warDecisiveness, hopDecay: weights.hopDecay,
            proximityFloor: weights.floor, states: scenario.ids,
            borders: scenario.borders.map { Border($0.a, $0.b, $0.contact, proximity: $0.proximity ?? $0.contact.proximity(weights)) },
            peers: scenario.ids.filter { peers[id]!.contains($0) }.map {
                let channel = scenario.channels.quality(from: id, to: $0)
                return PeerInfo(id: $0, endpoint: endpoints[$0] ?? "", loss: channel.loss, delay: UInt16(clamping: channel.delay))
            },
            inflation: deceivers.contains(id) ? scenario.deception.inflation : 1)
    }

    // MARK: Timeline

    /// Runs every round over `channel` and writes the run's files.
    /// - Throws: `RunError` when a state fails, misses a deadline or the run is cut short;
    ///   the states are told to abort and what was logged so far is kept.
    public func run(over channel: StateChannel) throws -> RunOutcome {
        logStart()
        do {
            joined = try channel.start { id, endpoints in welcome(for: id, endpoints: endpoints) }
            for id in scenario.ids {
                if let j = joined[id] {
                    log.record("process", round: 0, outcome: false, [("state", .string(id)), ("pid", .int(j.pid)), ("endpoint", .string(j.endpoint))])
                }
            }
            for round in 1...max(settings.rounds, 1) {
                if let reason = stopRequested?() { throw RunError(reason) }
                try runRound(round, channel)
                progress?(round, settings.rounds)
            }
        } catch {
            channel.abort(reason: "\(error)")
            log.record("run_failed", round: 0, outcome: false, [("error", .string("\(error)"))])
            _ = log.finish()
            throw error
        }
        let outcome = finishRun()
        channel.finish(digest: outcome.digest)
        return outcome
    }

    func logStart() {
        log.record("run", round: 0, outcome: false, [
            ("run_id", .string(settings.runID)), ("engine", .string(settings.engine.rawValue)), ("transport", .string(settings.transport.rawValue)),
            ("coordinator_pid", .int(Int(getpid()))), ("scenario_file", .string(settings.scenarioPath)),
        ])
        log.record("scenario", round: 0, [
            ("name", .string(scenario.name)), ("seed", .string(String(settings.seed))), ("rounds", .int(settings.rounds)),
            ("negotiation_steps", .int(scenario.negotiationSteps)), ("states", .ids(scenario.ids)),
            ("alliances", .array(world.alliances.map { .ids($0.members) })),
        ])
        if !deceivers.isEmpty {
            log.record("deceivers", round: 0, [("states", .ids(scenario.ids.filter(deceivers.contains))),
                                                ("inflation", .number(scenario.deception.inflation))])
        }
    }

    func runRound(_ round: Int, _ channel: StateChannel) throws {
        let r = UInt16(round)
        let ids = scenario.ids
        // observe (only as many old truths are kept as the longest lag needs)
        history.append(world.snapshot)
        if history.count > maxLag + 1 { history.removeFirst(history.count - maxLag - 1) }
        let observations = ids.map { id in
            let o = specs[id]!.observation
            return (id, world.observation(for: id, round: round, seed: settings.seed, params: o,
                                          truth: o.lag > 0 ? history[max(0, history.count - 1 - o.lag)] : nil))
        }
        for (id, o) in observations where world.isLive(id) { logObservation(id, o) }
        _ = try exchange(channel, observations.map { ($0.0, PhaseStart(round: r, phase: .observe, step: 0, observation: $0.1)) })

        // assess
        inFlight = []
        let steps = scenario.negotiationSteps
        let assessStart = PhaseStart(round: r, phase: .assess, step: 0)
        let assess = try exchange(channel, ids.map { ($0, assessStart) })
        var beliefs: [StateID: [ReportedThreat]] = [:]
        for id in ids {
            guard let report = assess[id], !report.belief.isEmpty else { continue }
            beliefs[id] = report.belief
            var fields: [(String, JSON)] = [("state", .string(id)), ("threats", .array(report.belief.map(\.json)))]
            if deceivers.contains(id) { fields.append(("deceiving", .bool(true))) }
            log.record("belief", round: round, fields)
        }
        send(accepted(assess), round: round, phaseIndex: assessStart.index(negotiationSteps: steps))

        // negotiate × k
        for step in 1...steps {
            let index = PhaseStart(round: r, phase: .negotiate, step: UInt8(step)).index(negotiationSteps: steps)
            let reports = try exchange(channel, ids.map { ($0, PhaseStart(round: r, phase: .negotiate, step: UInt8(step), expected: expected(for: $0, at: index))) })
            send(accepted(reports), round: round, phaseIndex: index)
        }

        // commit
        let commitIndex = PhaseStart(round: r, phase: .commit, step: 0).index(negotiationSteps: steps)
        let commits = try exchange(channel, ids.map { ($0, PhaseStart(round: r, phase: .commit, step: 0, expected: expected(for: $0, at: commitIndex))) })
        for id in ids {
            guard let d = commits[id]?.decision else { continue }
            log.record("decision", round: round, [
                ("state", .string(id)), ("stance", .string(d.stance.rawValue)), ("threat", .optional(d.threat)),
                ("rule", .string(d.rule)), ("threats", .array(d.threats.map(\.json))),
            ])
        }
        formAlliances(round: round, commits: commits, beliefs: beliefs)

        // resolve
        for event in world.resolve(round: round, seed: settings.seed) { logWorld(event, round: round) }
        log.record("round_end", round: round, [
            ("alliances", .array(world.alliances.map { .object([("members", .ids($0.members)), ("label", .string($0.label.description))]) })),
            ("power", .object(world.live.map { ($0, .number(world.power($0))) })),
        ])
        log.flush()
    }

    /// Sends a phase and checks every report; refusals the states met are logged.
    func exchange(_ channel: StateChannel, _ starts: [(StateID, PhaseStart)]) throws -> [StateID: PhaseReport] {
        let reports = try channel.exchange(starts)
        for (id, start) in starts {
            guard let report = reports[id] else { throw RunError("state \(id) sent no report for round \(start.round) \(start.phase.name)") }
            if !report.letters.isEmpty && (start.phase == .observe || start.phase == .commit) {
                log.record("refused", round: Int(start.round), [("state", .string(id)), ("phase", .string(start.phase.name)),
                                                                ("problem", .string("\(report.letters.count) letter(s) reported in the \(start.phase.name) phase, when none may be sent"))])
            }
            for problem in report.problems {
                log.record("refused", round: Int(start.round), [("state", .string(id)), ("phase", .string(start.phase.name)), ("problem", .string(problem))])
            }
        }
        return reports
    }

    /// The letters of a phase in canonical order, keeping only those a state may send.
    func accepted(_ reports: [StateID: PhaseReport]) -> [(PhaseReport, Letter)] {
        var out: [(PhaseReport, Letter)] = []
        for id in scenario.ids.sorted() {
            guard let report = reports[id] else { continue }
            var lastSeq: UInt32?
            for letter in report.letters {
                var problem: String?
                if letter.sender != id { problem = "letter claims sender \(letter.sender)" }
                else if specs[letter.receiver] == nil { problem = "letter to unknown state \(letter.receiver)" }
                else if !peers[id]!.contains(letter.receiver) { problem = "letter to \(letter.receiver), not a peer of \(id)" }
                else if let last = lastSeq, letter.seq <= last { problem = "letter sequence numbers not increasing" }
                if let problem {
                    log.record("refused", round: Int(report.round), [("state", .string(id)), ("phase", .string(report.phase.name)), ("problem", .string(problem))])
                    continue
                }
                lastSeq = letter.seq
                out.append((report, letter))
            }
        }
        return out
    }

    /// Puts a phase's letters on their channels: each is logged, then lost, late, or due next phase.
    func send(_ letters: [(PhaseReport, Letter)], round: Int, phaseIndex: Int) {
        for (report, letter) in letters {
            var fields: [(String, JSON)] = [("phase", .string(report.phase.name)), ("step", .int(Int(report.step)))] + letter.json
            let channel = scenario.channels.quality(from: letter.sender, to: letter.receiver)
            switch letter.fate(round: round, sentAt: phaseIndex, negotiationSteps: scenario.negotiationSteps, channel: channel, seed: settings.seed) {
            case .lost:
                fields.append(("lost", .bool(true)))
            case .expired:
                fields.append(("expired", .bool(true)))
            case .due(let index):
                if channel.delay > 0 { fields.append(("delay", .int(channel.delay))) }
                inFlight.append((index, letter))
            }
            log.record("letter", round: round, fields)
        }
    }

    /// The letters due to `receiver` in phase `index` (sequence numbers by sender): it waits for exactly these.
    func expected(for receiver: StateID, at index: Int) -> [ExpectedLetters] {
        var seqs: [StateID: [UInt32]] = [:]
        for (due, l) in inFlight where due == index && l.receiver == receiver { seqs[l.sender, default: []].append(l.seq) }
        return seqs.sorted { $0.key < $1.key }.map { ExpectedLetters(sender: $0.key, seqs: $0.value.sorted()) }
    }

    // MARK: Alliances and classification

    /// Forms the alliances both members committed to (docs/MODEL.md §7) and logs each classified decision.
    func formAlliances(round: Int, commits: [StateID: PhaseReport], beliefs: [StateID: [ReportedThreat]]) {
        let reports = commits.mapValues { CommitReport(decision: $0.decision, commitments: $0.commitments) }
        for event in formation.form(in: &world, round: round, commits: reports, beliefs: beliefs) {
            switch event {
            case .refused(let full, let a, let b):
                log.record("refused", round: round, [("state", .string(full)), ("phase", .string("commit")),
                                                     ("problem", .string("alliance \(a)-\(b) refused: \(full) already has max_allies allies"))])
            case .formed(let alliance, let offer, let pair):
                for record in pair {
                    records.append(record)
                    log.record("alignment", round: round, record.json)
                }
                log.record("alliance_formed", round: round, [("members", .ids(alliance.members)), ("label", .string(alliance.label.description)),
                                                             ("offered_by", .string(offer.offeredBy)), ("aimed_at", .optional(offer.aimedAt))])
            }
        }
    }

    // MARK: Logging

    func logObservation(_ id: StateID, _ o: Observation) {
        let seen = o.seen.sorted { $0.key < $1.key }.map { entry -> JSON in
            let a = entry.value.attributes
            return .object([("state", .string(entry.key)), ("power", .number(a.power)), ("offense", .number(a.offense)),
                            ("aggressiveness", .number(a.aggressiveness)), ("confidence", .number(entry.value.confidence))])
        }
        log.record("observation", round: o.round, [("state", .string(id)), ("seen", .array(seen))])
    }

    func logWorld(_ event: WorldEvent, round: Int) {
        switch event {
        case .warStarted(let attacker, let defender, let attackers, let defenders, let odds):
            warsStarted += 1
            log.record("war_started", round: round, [("attacker", .string(attacker)), ("defender", .string(defender)),
                                                     ("attackers", .ids(attackers)), ("defenders", .ids(defenders)), ("odds", .number(odds))])
        case .warEnded(let attacker, let defender, let winners, let losers, let p):
            log.record("war_ended", round: round, [("attacker", .string(attacker)), ("defender", .string(defender)),
                                                   ("winners", .ids(winners)), ("losers", .ids(losers)), ("attacker_win_probability", .number(p))])
        case .eliminated(let id):
            eliminated.append(id)
            log.record("eliminated", round: round, [("state", .string(id))])
        case .allianceDissolved(let members, let label, let reason):
            log.record("alliance_dissolved", round: round, [("members", .ids(members)), ("label", .string(label)), ("reason", .string(reason))])
        }
    }

    func finishRun() -> RunOutcome {
        let alliances = world.alliances
        log.record("final", round: settings.rounds, [
            ("alliances", .array(alliances.map { .object([("members", .ids($0.members)), ("label", .string($0.label.description)), ("formed_round", .int($0.formedRound))]) })),
            ("eliminated", .ids(eliminated)),
        ])
        let digest = log.finish()
        var outcome = RunOutcome(settings: settings, digest: digest, records: records, alliances: alliances,
                                 warsStarted: warsStarted, eliminated: eliminated, processes: joined)
        outcome.deceivers = scenario.ids.filter(deceivers.contains)
        if let outDirectory { outcome.write(to: outDirectory) }
        return outcome
    }
}

extension Letter {
    var json: [(String, JSON)] {
        var fields: [(String, JSON)] = [("from", .string(sender)), ("to", .string(receiver)), ("seq", .int(Int(seq)))]
        switch body {
        case .assessment(let list): fields += [("kind", .string("assessment")), ("threats", .array(list.map(\.json)))]
        case .offer(let kind, let aimedAt): fields += [("kind", .string("offer")), ("offer", .string(kind.rawValue)), ("aimed_at", .optional(aimedAt))]
        case .accept(let offer): fields += [("kind", .string("accept")), ("offer_seq", .int(Int(offer)))]
        case .reject(let offer, let reason): fields += [("kind", .string("reject")), ("offer_seq", .int(Int(offer))), ("reason", .string(reason))]
        }
        return fields
    }
}

extension Coordinator {
    /// Logs something the transport refused (unknown state, malformed frame): part of the outcome,
    /// since a fault changes the run.
    public func logProblem(_ text: String) {
        log.record("refused", round: 0, [("problem", .string(text))])
    }
}
