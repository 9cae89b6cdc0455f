/// Alignments predicted without the negotiation, from the scenario alone: what a run's
/// final sides are compared with, so a reader sees what the dynamics add (docs/MODEL.md §8.2).
public enum Baseline {
    /// The starting alliances alone: their blocs, every other state by itself.
    public static func initialAlliances(_ s: Scenario) -> [[StateID]] {
        blocs(of: s.ids, alliances: s.alliances)
    }

    /// Axelrod and Bennett's landscape (1993) on the scenario's starting data: size is power
    /// (they used capabilities too); propensity is +1 for a pair allied at the start, less
    /// the hostility of a pair that can reach each other, `g(i,j) · max(A_i, A_j)`: an
    /// aggressive neighbour repels, a distant state is indifferent.
    public static func landscape(_ s: Scenario) -> Landscape {
        let geography = Geography(s)
        let ids = s.ids
        let allied = Set(s.alliances.map(Set.init))
        let propensity = ids.map { i in
            ids.map { j -> Double in
                guard i != j, let a = s.state(i), let b = s.state(j) else { return 0 }
                let bond = allied.contains([i, j]) ? 1.0 : 0
                return bond - geography.proximity(i, j) * max(a.aggressiveness, b.aggressiveness)
            }
        }
        return Landscape(ids: ids, sizes: s.states.map(\.power), propensity: propensity)
    }

    /// The landscape's two sides of least energy (a side may be empty when all belong together).
    public static func landscapeSides(_ s: Scenario) -> [[StateID]] {
        landscape(s).bestSplit(seed: s.seed).sides.filter { !$0.isEmpty }
    }
}
