import Testing
@testable import EntenteModel

@Suite("Metrics: blocs and agreement with a reference alignment")
struct PartitionTests {
    @Test("blocs are the connected components of the alliance graph")
    func components() {
        let b = blocs(of: ["A", "B", "C", "D", "E"], alliances: [["A", "B"], ["C", "B"], ["D", "E"]])
        #expect(b == [["A", "B", "C"], ["D", "E"]])
        #expect(blocs(of: ["A", "B"], alliances: []) == [["A"], ["B"]])
    }

    @Test("identical partitions agree fully, whatever the bloc labels")
    func identical() {
        let a = agreement([["A", "B"], ["C", "D"]], with: [["D", "C"], ["B", "A"]])
        #expect(a.misplaced == 0 && a.compared == 4)
        #expect(abs(a.mutualInformation - 1) < 1e-12)
    }

    @Test("one state on the wrong side is one misplaced")
    func oneMisplaced() {
        let a = agreement([["A", "B", "C"], ["D"]], with: [["A", "B"], ["C", "D"]])
        #expect(a.misplaced == 1)
        #expect(a.mutualInformation > 0 && a.mutualInformation < 1)
    }

    @Test("unrelated partitions share no information")
    func unrelated() {
        let a = agreement([["A", "C"], ["B", "D"]], with: [["A", "B"], ["C", "D"]])
        #expect(a.misplaced == 2)
        #expect(abs(a.mutualInformation) < 1e-12)
    }

    @Test("only states in both partitions are compared")
    func overlapOnly() {
        let a = agreement([["A", "B", "X"], ["C"]], with: [["A", "B"], ["C"], ["Z"]])
        #expect(a.compared == 3 && a.misplaced == 0)
    }
}
