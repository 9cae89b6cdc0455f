import EntenteModel

extension ControlMessage {
    /// One frame: header (magic, version, type) then the body.
    public func encoded() -> [UInt8] {
        switch self {
        case .hello(let h):
            var w = WireWriter(type: MessageType.hello.rawValue)
            w.string(h.state); w.u32(h.pid); w.string(h.endpoint)
            return w.finish()
        case .welcome(let m):
            var w = WireWriter(type: MessageType.welcome.rawValue)
            w.string(m.runID); w.string(m.state); w.u64(m.seed); w.u16(m.rounds); w.u8(m.negotiationSteps); w.u32(m.phaseTimeoutMs)
            w.string(m.policy.rawValue)
            w.array(PolicyParameters.parameters) { $0.f64($1.value(in: m.params) ?? 0) }
            w.array(ThreatWeights.parameters) { $0.f64($1.value(in: m.threat) ?? 0) }
            w.f64(m.warDecisiveness); w.f64(m.hopDecay); w.f64(m.proximityFloor)
            w.array(m.states) { $0.string($1) }
            w.array(m.borders) { w, b in w.string(b.a); w.string(b.b); w.f64(b.proximity ?? 1) }
            w.array(m.peers) { w, p in w.string(p.id); w.string(p.endpoint); w.f64(p.loss); w.u16(p.delay) }
            w.f64(m.inflation)
            w.bool(m.reportRanking)
            w.array(m.history) { w, h in w.string(h.actor); w.f64(h.acts) }
            return w.finish()
        case .phaseStart(let p):
            var w = WireWriter(type: MessageType.phaseStart.rawValue)
            w.u16(p.round); w.u8(p.phase.rawValue); w.u8(p.step)
            w.array(p.expected) { w, e in w.string(e.sender); w.array(e.seqs) { $0.u32($1) } }
            w.bool(p.observation != nil)
            if let o = p.observation { w.observation(o) }
            return w.finish()
        case .report(let r):
            var w = WireWriter(type: MessageType.report.rawValue)
            w.u16(r.round); w.u8(r.phase.rawValue); w.u8(r.step)
            w.array(r.letters) { $0.letter($1) }
            w.array(r.belief) { $0.reportedThreat($1) }
            w.bool(r.decision != nil)
            if let d = r.decision { w.decision(d) }
            w.array(r.ranking) { $0.threatScore($1) }
            w.array(r.commitments) { $0.commitment($1) }
            w.array(r.problems) { w, p in w.u8(p.code.rawValue); w.string(p.sender ?? ""); w.u32(p.count); w.string(p.detail) }
            return w.finish()
        case .finish(let digest):
            var w = WireWriter(type: MessageType.finish.rawValue)
            w.string(digest)
            return w.finish()
        case .abort(let reason):
            var w = WireWriter(type: MessageType.abort.rawValue)
            w.string(reason)
            return w.finish()
        case .ready:
            var w = WireWriter(type: MessageType.ready.rawValue)
            return w.finish()
        }
    }

    /// Decodes one control frame.
    /// - Throws: `WireError` for anything malformed, oversized, of another version or unknown type.
    public init(decoding bytes: [UInt8]) throws {
        var r = try WireReader(bytes)
        guard let type = MessageType(rawValue: r.type), type != .peer else { throw WireError.unknownType(r.type) }
        switch type {
        case .hello:
            self = .hello(Hello(state: try r.id("hello.state"), pid: try r.u32("hello.pid"), endpoint: try r.string("hello.endpoint")))
        case .welcome:
            let runID = try r.string("welcome.runID")
            let state = try r.id("welcome.state")
            let seed = try r.u64("welcome.seed")
            let rounds = try r.u16("welcome.rounds")
            let steps = try r.u8("welcome.negotiationSteps")
            let timeout = try r.u32("welcome.phaseTimeoutMs")
            let policyName = try r.string("welcome.policy")
            guard let policy = PolicyKind(rawValue: policyName) else {
                throw WireError.invalidValue(field: "welcome.policy", detail: "unknown policy '\(policyName)'")
            }
            let values = try r.array("welcome.params", minElementBytes: 8) { try $0.finite("welcome.param") }
            let params: PolicyParameters = try Self.block(values, field: "welcome.params")
            let threat: ThreatWeights = try Self.block(try r.array("welcome.threat", minElementBytes: 8) { try $0.finite("welcome.threat") },
                                                       field: "welcome.threat")
            let decisiveness = try r.finite("welcome.warDecisiveness")
            let hopDecay = try r.finite("welcome.hopDecay")
            let floor = try r.finite("welcome.proximityFloor")
            let states = try r.array("welcome.states", minElementBytes: 2) { try $0.id("welcome.state") }
            let borders = try r.array("welcome.borders", minElementBytes: 12) { r in
                Border(try r.id("border.a"), try r.id("border.b"), .land, proximity: try r.finite("border.proximity"))
            }
            let peers = try r.array("welcome.peers", minElementBytes: 14) { r in
                PeerInfo(id: try r.id("peer.id"), endpoint: try r.string("peer.endpoint"), loss: try r.finite("peer.loss"),
                         delay: try r.u16("peer.delay"))
            }
            let inflation = try r.finite("welcome.inflation")
            let reportRanking = try r.bool("welcome.reportRanking")
            let history = try r.array("welcome.history", minElementBytes: 10) { r in
                PriorActs(actor: try r.id("history.actor"), acts: try r.finite("history.acts"))
            }
            guard steps >= 1 else { throw WireError.invalidValue(field: "welcome.negotiationSteps", detail: "must be at least 1") }
            guard Set(states).count == states.count, states.contains(state) else {
                throw WireError.invalidValue(field: "welcome.states", detail: "ids must be unique and include the state itself")
            }
            guard Set(peers.map(\.id)).count == peers.count, peers.allSatisfy({ $0.id != state && states.contains($0.id) }) else {
                throw WireError.invalidValue(field: "welcome.peers", detail: "peer ids must be unique states of the run, other than the state itself")
            }
            guard peers.allSatisfy({ (0...1).contains($0.loss) }), (0...100).contains(inflation) else {
                throw WireError.invalidValue(field: "welcome.peers", detail: "loss must be in [0, 1] and inflation in [0, 100]")
            }
            guard Set(history.map(\.actor)).count == history.count,
                  history.allSatisfy({ $0.actor != state && states.contains($0.actor) && (0...1e6).contains($0.acts) }) else {
                throw WireError.invalidValue(field: "welcome.history", detail: "actors must be unique states of the run other than the state itself, acts in [0, 1e6]")
            }
            self = .welcome(Welcome(runID: runID, state: state, seed: seed, rounds: rounds, negotiationSteps: steps,
                                    phaseTimeoutMs: timeout, policy: policy,
                                    params: params, threat: threat, warDecisiveness: decisiveness, hopDecay: hopDecay,
                                    proximityFloor: floor, states: states, borders: borders, peers: peers,
                                    inflation: inflation, reportRanking: reportRanking, history: history))
        case .phaseStart:
            let round = try r.u16("phase.round")
            let phase = try r.phase()
            let step = try r.u8("phase.step")
            let expected = try r.array("phase.expected", minElementBytes: 6) { r in
                ExpectedLetters(sender: try r.id("expected.sender"),
                                seqs: try r.array("expected.seqs", minElementBytes: 4) { try $0.u32("expected.seq") })
            }
            let observation = try r.bool("phase.hasObservation") ? try r.observation() : nil
            self = .phaseStart(PhaseStart(round: round, phase: phase, step: step, expected: expected, observation: observation))
        case .report:
            let round = try r.u16("report.round")
            let phase = try r.phase()
            let step = try r.u8("report.step")
            let letters = try r.array("report.letters", minElementBytes: 11) { try $0.letter() }
            let belief = try r.array("report.belief", minElementBytes: 42) { try $0.reportedThreat() }
            let decision = try r.bool("report.hasDecision") ? try r.decision() : nil
            let ranking = try r.array("report.ranking", minElementBytes: 35) { try $0.threatScore() }
            let commitments = try r.array("report.commitments", minElementBytes: 6) { try $0.commitment() }
            let problems = try r.array("report.problems", minElementBytes: 9) { try $0.problem() }
            self = .report(PhaseReport(round: round, phase: phase, step: step, letters: letters, belief: belief,
                                       decision: decision, ranking: ranking, commitments: commitments, problems: problems))
        case .finish:
            self = .finish(digest: try r.string("finish.digest"))
        case .abort:
            self = .abort(reason: try r.string("abort.reason"))
        case .ready:
            self = .ready
        case .peer:
            throw WireError.unknownType(r.type)
        }
        try r.finish()
    }
}

extension PeerMessage {
    public func encoded() -> [UInt8] {
        var w = WireWriter(type: MessageType.peer.rawValue)
        w.u16(round); w.u8(phase.rawValue); w.u8(step)
        w.letter(letter)
        return w.finish()
    }

    /// Decodes one peer frame.
    /// - Throws: `WireError` for anything malformed, oversized, of another version or not a peer message.
    public init(decoding bytes: [UInt8]) throws {
        var r = try WireReader(bytes)
        guard r.type == MessageType.peer.rawValue else { throw WireError.unknownType(r.type) }
        round = try r.u16("peer.round")
        phase = try r.phase()
        step = try r.u8("peer.step")
        letter = try r.letter()
        try r.finish()
    }
}

extension WireReader {
    mutating func phase() throws -> Phase {
        let raw = try u8("phase")
        guard let p = Phase(rawValue: raw) else { throw WireError.invalidValue(field: "phase", detail: "unknown phase \(raw)") }
        return p
    }

    mutating func problem() throws -> Problem {
        let raw = try u8("problem.code")
        guard let code = Problem.Code(rawValue: raw) else { throw WireError.invalidValue(field: "problem.code", detail: "unknown problem code \(raw)") }
        return Problem(code, sender: try idOrEmpty("problem.sender"), count: try u32("problem.count"), detail: try string("problem.detail"))
    }
}

extension ControlMessage {
    /// A parameter block from its wire values, in the descriptors' order, each checked
    /// against its descriptor (a count must be whole) before it is stored.
    static func block<B: ParameterBlock>(_ values: [Double], field: String) throws -> B {
        let described = B.parameters
        guard values.count == described.count else {
            throw WireError.invalidValue(field: field, detail: "expected \(described.count) values, got \(values.count)")
        }
        var block = B()
        for (p, v) in zip(described, values) {
            if let problem = p.problem(with: v) { throw WireError.invalidValue(field: field, detail: "\(p.key) \(problem)") }
            p.set(v, in: &block)
        }
        return block
    }
}
