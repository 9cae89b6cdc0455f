import EntenteModel
import Testing
@testable import EntenteWire

@Suite("Wire format: every message round-trips, and bad bytes are refused, never crash")
struct CodecTests {
    static let estimate = Estimate(attributes: Attributes(power: 0.25, offense: 0.5, aggressiveness: 0.125), confidence: 0.5)
    static let threat = ThreatScore(target: "GMY", components: ThreatComponents(power: 0.2, proximity: 1, offense: 1.8, intent: 1.1))
    static let observation = Observation(round: 3, own: estimate.attributes, seen: ["GMY": estimate, "FRN": estimate],
                                         alliances: [PublicAlliance(["FRN", "RUS"], against: "GMY"), PublicAlliance(["GMY", "AUH"])], wars: [PublicWar(attackers: ["GMY"], defenders: ["FRN", "RUS"])],
                                         eliminated: ["SRB"])

    static let controls: [ControlMessage] = [
        .hello(Hello(state: "FRN", pid: 4242, endpoint: "ipc:///tmp/x/FRN")),
        .welcome(Welcome(runID: "run-1", state: "FRN", seed: 1914, rounds: 12, negotiationSteps: 2, phaseTimeoutMs: 20000,
                         policy: .walt, params: PolicyParameters(), threat: ThreatWeights(), warDecisiveness: 2, hopDecay: 0.5,
                         proximityFloor: 0.05, states: ["FRN", "GMY", "RUS"], borders: [Border("FRN", "GMY", .land, proximity: 1)],
                         peers: [PeerInfo(id: "GMY", endpoint: "tcp://127.0.0.1:5000")],
                         history: [PriorActs(actor: "GMY", acts: 0.75), PriorActs(actor: "RUS", acts: 0.125)])),
        .phaseStart(PhaseStart(round: 3, phase: .observe, step: 0, observation: observation)),
        .phaseStart(PhaseStart(round: 3, phase: .negotiate, step: 2, expected: [ExpectedLetters(sender: "GMY", seqs: [3, 9, 12])])),
        .report(PhaseReport(round: 3, phase: .commit, step: 0,
                            letters: [Letter(sender: "FRN", receiver: "RUS", seq: 9, body: .offer(kind: .balance, aimedAt: "GMY"))],
                            belief: [ReportedThreat(target: "GMY", score: 0.4, estimate: estimate)],
                            decision: Decision(stance: .balance, threat: "GMY", rule: Rule(.waltBalance, [0.6, 0.5, 1.25, 1, 0.75]), threats: [threat]),
                            commitments: [Commitment(partner: "RUS", kind: .balance, aimedAt: "GMY", offeredBy: "FRN")],
                            problems: [Problem(.malformed, sender: "RUS", count: 3, detail: "truncated"), Problem(.unknownKey)])),
        .finish(digest: String(repeating: "ab", count: 32)),
        .abort(reason: "state GMY did not report"),
        .ready,
    ]

    static let letters: [PeerMessage] = [
        PeerMessage(round: 1, phase: .assess, step: 0, letter: Letter(sender: "A", receiver: "B", seq: 0, body: .assessment([ReportedThreat(target: "C", score: 0.3, estimate: estimate)]))),
        PeerMessage(round: 1, phase: .negotiate, step: 1, letter: Letter(sender: "A", receiver: "B", seq: 1, body: .offer(kind: .bandwagon, aimedAt: nil))),
        PeerMessage(round: 1, phase: .negotiate, step: 2, letter: Letter(sender: "B", receiver: "A", seq: 7, body: .accept(offer: 1))),
        PeerMessage(round: 1, phase: .negotiate, step: 2, letter: Letter(sender: "B", receiver: "A", seq: 8, body: .reject(offer: 1, reason: .notAMainThreat("GMY")))),
    ]

    @Test("control messages round-trip exactly", arguments: controls)
    func controlRoundTrip(_ m: ControlMessage) throws {
        #expect(try ControlMessage(decoding: m.encoded()) == m)
    }

    @Test("peer messages round-trip exactly", arguments: letters)
    func peerRoundTrip(_ m: PeerMessage) throws {
        #expect(try PeerMessage(decoding: m.encoded()) == m)
    }

    @Test("numbers cross the wire bit for bit")
    func exactDoubles() throws {
        let tricky = Estimate(attributes: Attributes(power: 0.1 + 0.2, offense: 1e-300, aggressiveness: 0.3333333333333333), confidence: 5e-324)
        let m = PeerMessage(round: 1, phase: .assess, step: 0, letter: Letter(sender: "A", receiver: "B", seq: 0,
                                                                              body: .assessment([ReportedThreat(target: "C", score: .pi, estimate: tricky)])))
        #expect(try PeerMessage(decoding: m.encoded()) == m)
    }

    @Test("every truncation of every message is refused with an error")
    func truncations() {
        for m in Self.controls {
            let bytes = m.encoded()
            for n in 0..<bytes.count {
                #expect(throws: WireError.self) { try ControlMessage(decoding: Array(bytes.prefix(n))) }
            }
        }
        for m in Self.letters {
            let bytes = m.encoded()
            for n in 0..<bytes.count {
                #expect(throws: WireError.self) { try PeerMessage(decoding: Array(bytes.prefix(n))) }
            }
        }
    }

    @Test("bad magic, another version and unknown types are refused by name")
    func headers() {
        var bytes = ControlMessage.finish(digest: "x").encoded()
        bytes[0] = 0x58
        #expect(throws: WireError.badMagic) { try ControlMessage(decoding: bytes) }
        bytes = ControlMessage.finish(digest: "x").encoded()
        bytes[2] = 9
        #expect(throws: WireError.unsupportedVersion(9)) { try ControlMessage(decoding: bytes) }
        bytes = ControlMessage.finish(digest: "x").encoded()
        bytes[3] = 77
        #expect(throws: WireError.unknownType(77)) { try ControlMessage(decoding: bytes) }
        // A peer message on the control channel, and the other way round.
        #expect(throws: WireError.unknownType(16)) { try ControlMessage(decoding: Self.letters[0].encoded()) }
        #expect(throws: WireError.unknownType(5)) { try PeerMessage(decoding: ControlMessage.finish(digest: "x").encoded()) }
        #expect(WireError.unsupportedVersion(9).description.contains("version 9"))
    }

    @Test("trailing bytes, oversized messages and huge counts are refused")
    func limits() {
        #expect(throws: WireError.trailingBytes(1)) { try ControlMessage(decoding: ControlMessage.finish(digest: "x").encoded() + [0]) }
        let huge = [UInt8](repeating: 0, count: Wire.maxMessageBytes + 1)
        #expect(throws: WireError.tooLarge(size: huge.count, limit: Wire.maxMessageBytes)) { try PeerMessage(decoding: huge) }
        // A report claiming four billion letters in a few bytes.
        var w = WireWriter(type: 4)
        w.u16(1); w.u8(1); w.u8(0); w.u32(.max)
        #expect(throws: WireError.truncated(field: "report.letters")) { try ControlMessage(decoding: w.bytes) }
    }

    @Test("a welcome that would crash a state is refused: out-of-range parameters, duplicate peers")
    func hostileWelcome() throws {
        // Parameters are checked against their descriptors before they are stored: a count of
        // 1e300 would trap when made an Int, 2.5 is not a count, a trust of 2 is not a weight.
        let good = PolicyParameters.parameters.map { $0.value(in: PolicyParameters())! }
        #expect(try ControlMessage.block(good, field: "p") == PolicyParameters())
        for (key, bad) in [("max_allies", 1e300), ("max_offers", 2.5), ("trust", 2.0), ("weak_ratio", -.infinity)] {
            var values = good
            values[PolicyParameters.parameters.firstIndex { $0.key == key }!] = bad
            #expect(throws: WireError.self) { let _: PolicyParameters = try ControlMessage.block(values, field: "p") }
        }
        #expect(throws: WireError.self) { let _: PolicyParameters = try ControlMessage.block(Array(good.dropLast()), field: "p") }
        guard case .welcome(var w2) = Self.controls[1] else { return }
        w2.peers = [PeerInfo(id: "GMY", endpoint: "a"), PeerInfo(id: "GMY", endpoint: "b")]
        #expect(throws: WireError.self) { try ControlMessage(decoding: ControlMessage.welcome(w2).encoded()) }
        // A dispute history must name other states of the run, once each, with acts a state can count.
        guard case .welcome(let base) = Self.controls[1] else { return }
        for history in [[PriorActs(actor: "FRN", acts: 1)], [PriorActs(actor: "ITA", acts: 1)],
                        [PriorActs(actor: "GMY", acts: 1), PriorActs(actor: "GMY", acts: 2)],
                        [PriorActs(actor: "GMY", acts: -1)], [PriorActs(actor: "GMY", acts: 1e300)]] {
            var w3 = base
            w3.history = history
            #expect(throws: WireError.self) { try ControlMessage(decoding: ControlMessage.welcome(w3).encoded()) }
        }
    }

    @Test("invalid UTF-8 and non-finite numbers are refused")
    func values() {
        var w = WireWriter(type: 5)
        w.u16(2); w.u8(0xff); w.u8(0xfe)
        #expect(throws: WireError.invalidUTF8(field: "finish.digest")) { try ControlMessage(decoding: w.bytes) }
        let nan = Estimate(attributes: Attributes(power: .nan, offense: 0, aggressiveness: 0), confidence: 1)
        let m = PeerMessage(round: 1, phase: .assess, step: 0, letter: Letter(sender: "A", receiver: "B", seq: 0,
                                                                              body: .assessment([ReportedThreat(target: "C", score: 1, estimate: nan)])))
        #expect(throws: WireError.self) { try PeerMessage(decoding: m.encoded()) }
    }

    @Test("random bytes never crash the decoder")
    func fuzz() {
        var rng = SeededRandom(seed: 99)
        var decoded = 0
        for k in 0..<20000 {
            var bytes: [UInt8]
            if k % 2 == 0 {
                // Mutate a valid message: the decoder must survive every corruption.
                let all = Self.controls.map { $0.encoded() } + Self.letters.map { $0.encoded() }
                bytes = all[Int(rng.next() % UInt64(all.count))]
                for _ in 0..<(1 + Int(rng.next() % 4)) where bytes.count > 4 {
                    bytes[4 + Int(rng.next() % UInt64(bytes.count - 4))] = UInt8(truncatingIfNeeded: rng.next())
                }
            } else {
                bytes = Wire.magic + [Wire.version, UInt8(truncatingIfNeeded: rng.next() % 20)]
                    + (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            if (try? ControlMessage(decoding: bytes)) != nil { decoded += 1 }
            if (try? PeerMessage(decoding: bytes)) != nil { decoded += 1 }
        }
        // Some mutations leave a valid message (a changed number); most must not decode.
        #expect(decoded < 20000)
    }

    @Test("a decision's rule must be a known code with the numbers it takes")
    func ruleCodes() throws {
        func report(_ rule: Rule) -> [UInt8] {
            ControlMessage.report(PhaseReport(round: 1, phase: .commit, step: 0,
                                              decision: Decision(stance: .balance, threat: "GMY", rule: rule, threats: []))).encoded()
        }
        let good = Rule(.random, [0.25, 0.5])
        guard case .report(let r) = try ControlMessage(decoding: report(good)) else { Issue.record("not a report"); return }
        #expect(r.decision?.rule == good)
        #expect(throws: WireError.self) { try ControlMessage(decoding: report(Rule(.random, [0.25]))) }
        #expect(throws: WireError.self) { try ControlMessage(decoding: report(Rule(.alwaysBalance, [1]))) }
        var bytes = report(Rule(.alwaysBalance))
        // The code follows the header, round, phase, step, three empty arrays, the decision flag,
        // the stance and the threat (present flag, length, "GMY"): change it to one no version defines.
        let at = 4 + 2 + 1 + 1 + 4 + 4 + 1 + 1 + 1 + 2 + 3
        #expect(bytes[at] == Rule.Code.alwaysBalance.rawValue)
        bytes[at] = 200
        #expect(throws: WireError.invalidValue(field: "decision.rule", detail: "unknown rule code 200")) { try ControlMessage(decoding: bytes) }
    }

    @Test("ids are short and plain everywhere on the wire: a 4,000-byte or odd id is refused")
    func ids() throws {
        for bad in [String(repeating: "A", count: 4000), "", "A/B", "É"] {
            let m = PeerMessage(round: 1, phase: .assess, step: 0, letter: Letter(sender: bad, receiver: "MDA", seq: 0, body: .accept(offer: 0)))
            #expect(throws: WireError.self) { try PeerMessage(decoding: m.encoded()) }
        }
        let ok = PeerMessage(round: 1, phase: .assess, step: 0, letter: Letter(sender: "S_01-x", receiver: "MDA", seq: 0, body: .accept(offer: 0)))
        #expect(try PeerMessage(decoding: ok.encoded()) == ok)
    }
}
