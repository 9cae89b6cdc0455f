import EntenteModel
import EntenteWire

/// A state's agent behind the wire protocol: takes a phase start and the letters of the
/// previous phase, returns the messages to send and the report for the coordinator.
/// The state process and the reference engine both run exactly this.
public final class StateHost {
    public let welcome: Welcome
    let agent: Agent
    /// Each peer's channel by its position in the map's index (shared by every host of a
    /// process: one table in the cache); nil for a state that is no peer.
    let channels: [ChannelQuality?]
    /// The map's index.
    let index: StateIndex
    /// The channels of peers off the map, if a Welcome names any.
    let offMap: [StateID: ChannelQuality]

    /// - Parameter map: the geography `welcome`'s map makes, when the caller has it already
    ///   (the reference engine's states share one map: worked out once, not once a state).
    public init(welcome: Welcome, map: Geography? = nil) {
        self.welcome = welcome
        let geography = map ?? Self.geography(of: welcome)
        agent = Agent(me: welcome.state, kind: welcome.policy, params: welcome.params, weights: welcome.threat,
                      geography: geography, warDecisiveness: welcome.warDecisiveness, seed: welcome.seed,
                      peers: welcome.peers.map(\.id), inflation: welcome.inflation,
                      history: HostilityRecord(acts: Dictionary(uniqueKeysWithValues: welcome.history.map { ($0.actor, $0.acts) })))
        index = geography.index
        var channels = [ChannelQuality?](repeating: nil, count: index.count)
        var offMap: [StateID: ChannelQuality] = [:]
        // A peer named twice keeps its first channel.
        for peer in welcome.peers.reversed() {
            let channel = ChannelQuality(loss: peer.loss, delay: Int(peer.delay))
            if let p = index.position(of: peer.id) { channels[p] = channel } else { offMap[peer.id] = channel }
        }
        self.channels = channels
        self.offMap = offMap
    }

    /// The map a Welcome describes.
    public static func geography(of welcome: Welcome) -> Geography {
        var weights = ProximityWeights()
        weights.hopDecay = welcome.hopDecay
        weights.floor = welcome.proximityFloor
        return Geography(ids: welcome.states, borders: welcome.borders, weights: weights)
    }

    /// Whether two Welcomes describe the same map.
    static func sameMap(_ a: Welcome, _ b: Welcome) -> Bool {
        a.states == b.states && a.borders == b.borders && a.hopDecay == b.hopDecay && a.proximityFloor == b.proximityFloor
    }

    /// Runs one phase.
    /// - Parameters:
    ///   - start: the coordinator's phase start.
    ///   - inbox: the letters of the previous phase addressed to this state.
    ///   - problems: what the transport refused on the way, reported to the coordinator counted
    ///     (`ProblemTally`: the same in both engines, at most 32 and an overflow).
    public func handle(_ start: PhaseStart, inbox: [Letter], problems: [Problem] = []) -> (out: [PeerMessage], report: PhaseReport) {
        var report = PhaseReport(round: start.round, phase: start.phase, step: start.step)
        var tally = ProblemTally()
        for p in problems { tally.add(p) }
        var letters: [Letter] = []
        switch start.phase {
        case .observe:
            if let o = start.observation { agent.observe(o) } else { tally.add(Problem(.unexpected, detail: "an observe phase without an observation")) }
        case .assess:
            let (sent, belief) = agent.assess()
            letters = sent
            report.belief = belief
        case .negotiate:
            letters = agent.negotiate(step: Int(start.step), inbox: inbox)
        case .commit:
            let (decision, commitments) = agent.commit(inbox: inbox)
            report.decision = decision
            report.commitments = commitments
            if welcome.reportRanking && decision != nil { report.ranking = agent.perceivedThreats() }
        }
        report.letters = letters
        report.problems = tally.take()
        // The report keeps every letter. The channel loses some (the coordinator draws the same),
        // and what would arrive after the round's commit phase is not sent at all.
        let steps = Int(welcome.negotiationSteps)
        let index = start.index(negotiationSteps: steps)
        var out: [PeerMessage] = []
        out.reserveCapacity(letters.count)
        for letter in letters {
            let channel = if let p = self.index.position(of: letter.receiver) { channels[p] } else { offMap[letter.receiver] }
            guard let channel,
                  case .due = letter.fate(round: Int(start.round), sentAt: index, negotiationSteps: steps,
                                          channel: channel, seed: welcome.seed)
            else { continue }
            out.append(PeerMessage(round: start.round, phase: start.phase, step: start.step, letter: letter))
        }
        return (out, report)
    }
}
