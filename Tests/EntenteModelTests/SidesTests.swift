import Testing
@testable import EntenteModel

/// Sides are exclusive: no alliance joins a balancing coalition and its target (MODEL.md §7).
@Suite("Exclusive sides")
struct ExclusiveSidesTests {
    @Test("an alliance that would put a coalition's target on the coalition's side is refused")
    func joiningTheEnemyIsRefused() {
        // A and B balance against T; C, allied with T, and A agree: A's side would hold T.
        var w = quartet(["A", "B", "C", "T"], alliances: [["C", "T"]])
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        let (after, events) = CommitPhase().agreeing("A", "C", by: "C", .bandwagon).run(w, round: 2)
        #expect(events == [.hostileSides(a: "A", b: "C", state: "A", enemy: "T")])
        #expect(!after.allied("A", "C"))
    }

    @Test("the new alliance's own target counts: balancing against T cannot join T's bloc")
    func ownTargetCounts() {
        let w = quartet(["A", "B", "C", "T"], alliances: [["B", "C"], ["C", "T"]])
        #expect(w.hostilePair(joining: Alliance("A", "B", round: 1, label: .balancing(against: "T"))).map { [$0.0, $0.1] } == ["A", "T"])
        #expect(w.hostilePair(joining: Alliance("A", "B", round: 1, label: .mixed)) == nil)
    }

    @Test("coalitions against different threats may merge; a bloc is the connected component")
    func unrelatedCoalitionsMerge() {
        var w = quartet(["A", "B", "C", "D"])
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "X")))
        #expect(w.bloc(of: "A") == ["A", "B"] && w.bloc(of: "C") == ["C"])
        // D stays outside the merged bloc {A, B, C}; A would be inside it.
        #expect(w.hostilePair(joining: Alliance("B", "C", round: 1, label: .balancing(against: "D"))) == nil)
        #expect(w.hostilePair(joining: Alliance("B", "C", round: 1, label: .balancing(against: "A"))).map { [$0.0, $0.1] } == ["B", "A"])
    }
}
