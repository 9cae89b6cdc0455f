import Testing
@testable import EntenteModel

@Suite("Beliefs: observation, memory and fusion of reports (MODEL.md §4)")
struct BeliefsTests {
    static func estimate(_ power: Double, confidence: Double) -> Estimate {
        Estimate(attributes: Fixture.attributes(power), confidence: confidence)
    }

    @Test("what is seen replaces what is remembered; the unseen fade by memory_decay; the eliminated are forgotten")
    func observeAndForget() {
        var b = Beliefs()
        b.observe(["A": Self.estimate(0.2, confidence: 0.8), "B": Self.estimate(0.3, confidence: 0.6), "C": Self.estimate(0.1, confidence: 1)], gone: [])
        b.observe(["A": Self.estimate(0.25, confidence: 0.5)], gone: ["C"])
        #expect(b.estimates["A"] == Self.estimate(0.25, confidence: 0.5))
        #expect(b.estimates["B"] == Self.estimate(0.3, confidence: 0.6 * Beliefs.memoryDecay))
        #expect(b.estimates["C"] == nil)
    }

    @Test("a report is weighed by trust × its confidence against the state's own; hearsay is never surer than its best source")
    func fusion() {
        var b = Beliefs()
        b.observe(["T": Self.estimate(0.2, confidence: 0.5)], gone: [])
        b.fuse([ReportedThreat(target: "T", score: 1, estimate: Self.estimate(0.6, confidence: 1))], trust: 0.5)
        // weights 0.5 (own) and 0.5 · 1 (report): the mean of 0.2 and 0.6.
        #expect(abs(b.estimates["T"]!.attributes.power - 0.4) < 1e-12)
        #expect(b.estimates["T"]!.confidence == 0.5)
        // A target known only by hearsay takes the report's weight as its confidence.
        b.fuse([ReportedThreat(target: "U", score: 1, estimate: Self.estimate(0.3, confidence: 0.8))], trust: 0.5)
        #expect(b.estimates["U"] == Self.estimate(0.3, confidence: 0.4))
    }

    @Test("with trust 0 reports change nothing")
    func noTrust() {
        var b = Beliefs()
        b.observe(["T": Self.estimate(0.2, confidence: 0.5)], gone: [])
        let before = b
        b.fuse([ReportedThreat(target: "T", score: 1, estimate: Self.estimate(0.9, confidence: 1))], trust: 0)
        #expect(b == before)
    }

    @Test("beliefs kept by position match beliefs kept by id, ids off the map included")
    func positionsMatchIds() {
        var byPosition = Beliefs(index: StateIndex(["A", "B", "T"])), byId = Beliefs()
        for step in 0..<3 {
            let seen = ["A": Self.estimate(0.1 * Double(step + 1), confidence: 0.7), "T": Self.estimate(0.2, confidence: 0.4)]
            let gone: Set<StateID> = step == 2 ? ["B"] : []
            let reports = [
                ReportedThreat(target: "B", score: 1, estimate: Self.estimate(0.3, confidence: 0.9)),
                ReportedThreat(target: "OFF", score: 1, estimate: Self.estimate(0.5, confidence: 0.6)),
                ReportedThreat(target: "T", score: 1, estimate: Self.estimate(0.7, confidence: 0.2)),
                ReportedThreat(target: "OFF", score: 1, estimate: Self.estimate(0.1, confidence: 0.3)),
            ]
            byPosition.observe(seen, gone: gone); byId.observe(seen, gone: gone)
            byPosition.fuse(reports, trust: 0.5); byId.fuse(reports, trust: 0.5)
            #expect(byPosition.estimates == byId.estimates, "step \(step)")
        }
        #expect(byPosition.offMap.keys.sorted() == ["OFF"])
        #expect(byPosition["OFF"] == byId["OFF"] && byPosition["B"]?.confidence == 0.45)
    }
}
