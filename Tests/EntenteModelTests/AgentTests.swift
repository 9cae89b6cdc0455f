import Testing
@testable import EntenteModel

@Suite("The agent: what a state perceives, says and reports over a round")
struct AgentTests {
    // A line: ME - T - X; ME sees both.
    let geography = Fixture.geography(["ME", "T", "X"], [Border("ME", "T"), Border("T", "X")])

    func agent(inflation: Double = 1) -> Agent {
        Agent(me: "ME", kind: .walt, params: PolicyParameters(), weights: ThreatWeights(), geography: geography,
              warDecisiveness: 2, seed: 1, peers: ["T", "X"], inflation: inflation)
    }

    func observation(wars: [PublicWar] = [], alliances: [PublicAlliance] = []) -> Observation {
        Observation(round: 1, own: Fixture.attributes(0.2),
                    seen: ["T": Estimate(attributes: Fixture.attributes(0.4, aggressiveness: 0.3), confidence: 1),
                           "X": Estimate(attributes: Fixture.attributes(0.4, aggressiveness: 0.3), confidence: 1)],
                    alliances: alliances, wars: wars, eliminated: [])
    }

    @Test("perceived threats are the threat function on the state's beliefs and what it has seen done to it")
    func perceivedIsTheLens() {
        let a = agent()
        a.observe(observation(wars: [PublicWar(attackers: ["X"], defenders: ["ME"])]))
        var record = HostilityRecord()
        record.record(attacker: "X", defender: "ME", observer: "ME", allies: [], geography: geography)
        let expected = ThreatLens(observer: "ME", record: record, allies: [], geography: geography, weights: ThreatWeights())
            .ranked(a.beliefs.attributes)
        #expect(a.perceivedThreats() == expected)
        // The war aimed X's intent at ME: X's intent is above T's, though their aggressiveness is the same.
        let intent = Dictionary(uniqueKeysWithValues: a.perceivedThreats().map { ($0.target, $0.components.intent) })
        #expect(intent["X"]! > intent["T"]!)
    }

    @Test("an honest state says what it believes; a deceiver inflates its main threat's power and scores it with the same function")
    func deceiverInflates() throws {
        let honest = agent(), deceiver = agent(inflation: 2)
        honest.observe(observation())
        deceiver.observe(observation())
        let (sent, belief) = honest.assess()
        #expect(sent.count == 2 && sent.allSatisfy { $0.body == .assessment(belief) })
        let (lies, truth) = deceiver.assess()
        #expect(truth == belief)
        guard case .assessment(let said) = lies[0].body else { Issue.record("not an assessment"); return }
        let main = try #require(said.first)
        #expect(main.estimate.attributes.power == 2 * belief[0].estimate.attributes.power)
        #expect(main.score == deceiver.lens.threat(of: main.target, main.estimate.attributes).score)
        #expect(Array(said.dropFirst()) == Array(belief.dropFirst()))
    }

    @Test("letters from anyone but its peers, or to another state, are ignored")
    func acceptsOnlyPeers() {
        let a = agent()
        let inbox = [Letter(sender: "Z", receiver: "ME", seq: 1, body: .accept(offer: 0)),
                     Letter(sender: "T", receiver: "X", seq: 2, body: .accept(offer: 0)),
                     Letter(sender: "X", receiver: "ME", seq: 3, body: .accept(offer: 0))]
        #expect(a.accepted(inbox).map(\.sender) == ["X"])
    }
}
