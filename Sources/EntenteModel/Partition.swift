#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The final alignment as a partition: the connected components of the alliance graph.
/// Every state given is in exactly one bloc (a state with no ally is a bloc of one).
/// Blocs are sorted inside and by their first member, so the same alliances always give
/// the same list.
public func blocs(of states: [StateID], alliances: [[StateID]]) -> [[StateID]] {
    var parent = Dictionary(uniqueKeysWithValues: states.map { ($0, $0) })
    func root(_ x: StateID) -> StateID {
        var x = x
        while let p = parent[x], p != x { x = p }
        return x
    }
    for pair in alliances where pair.count == 2 {
        guard parent[pair[0]] != nil, parent[pair[1]] != nil else { continue }
        let (a, b) = (root(pair[0]), root(pair[1]))
        if a != b { parent[max(a, b)] = min(a, b) }
    }
    var groups: [StateID: [StateID]] = [:]
    for s in states { groups[root(s), default: []].append(s) }
    return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
}

/// How close a partition is to a reference one, over the states both contain.
public struct PartitionAgreement: Equatable, Sendable {
    /// States compared (in both partitions).
    public var compared: Int
    /// States in the wrong bloc under the best matching of blocs to reference blocs.
    public var misplaced: Int
    /// Mutual information of the two partitions, in bits (0: unrelated).
    public var mutualInformation: Double
}

/// Compares `partition` with `reference`: the fewest misplaced states over every one-to-one
/// matching of blocs to reference blocs, and the mutual information of the two.
public func agreement(_ partition: [[StateID]], with reference: [[StateID]]) -> PartitionAgreement {
    let inReference = Dictionary(reference.enumerated().flatMap { k, bloc in bloc.map { ($0, k) } }, uniquingKeysWith: { a, _ in a })
    // Contingency table over the states in both.
    var table: [[Int]] = []
    var n = 0
    for bloc in partition {
        var row = [Int](repeating: 0, count: reference.count)
        for s in bloc { if let k = inReference[s] { row[k] += 1; n += 1 } }
        if row.contains(where: { $0 > 0 }) { table.append(row) }
    }
    guard n > 0 else { return PartitionAgreement(compared: 0, misplaced: 0, mutualInformation: 0) }
    let matched = bestMatching(table)
    var mi = 0.0
    let rows = table.map { $0.reduce(0, +) }
    let cols = (0..<reference.count).map { j in table.reduce(0) { $0 + $1[j] } }
    for (i, row) in table.enumerated() {
        for (j, nij) in row.enumerated() where nij > 0 {
            let p = Double(nij) / Double(n)
            mi += p * log2(Double(n) * Double(nij) / (Double(rows[i]) * Double(cols[j])))
        }
    }
    return PartitionAgreement(compared: n, misplaced: n - matched, mutualInformation: max(0, mi))
}

/// The largest total of table entries picked with at most one per row and per column:
/// an exact search over subsets of columns (reference blocs are few), memoised.
func bestMatching(_ table: [[Int]]) -> Int {
    guard let width = table.first?.count, width > 0 else { return 0 }
    guard width <= 16 else {
        // Many reference blocs: a greedy matching, largest overlaps first (a lower bound on agreement).
        var used = Set<Int>(), rowsUsed = Set<Int>(), total = 0
        let cells = table.enumerated().flatMap { i, row in row.enumerated().map { (i, $0.offset, $0.element) } }.sorted { $0.2 > $1.2 }
        for (i, j, v) in cells where !used.contains(j) && !rowsUsed.contains(i) { used.insert(j); rowsUsed.insert(i); total += v }
        return total
    }
    var memo: [Int: Int] = [:]
    func best(_ row: Int, _ usedColumns: Int) -> Int {
        if row == table.count { return 0 }
        let key = row << 16 | usedColumns
        if let v = memo[key] { return v }
        var v = best(row + 1, usedColumns)
        for j in 0..<width where usedColumns & (1 << j) == 0 && table[row][j] > 0 {
            v = max(v, table[row][j] + best(row + 1, usedColumns | (1 << j)))
        }
        memo[key] = v
        return v
    }
    return best(0, 0)
}
