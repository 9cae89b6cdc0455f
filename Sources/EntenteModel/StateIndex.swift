/// The run's states as dense positions `0..<count`, in scenario order. Tables the model
/// reads every round (truth, proximity, threats) are arrays by position, so the hot loops
/// index rather than hash; ids, strings, stay at the edges: scenario, wire, log.
public struct StateIndex: Sendable, Equatable {
    public let ids: [StateID]
    private let positions: IDTable
    /// Each position's place in id order: comparing two ranks is comparing the two ids.
    public let ranks: [Int]
    /// The positions in id order (`ranks` inverted): a loop over them yields ids sorted.
    public let inIDOrder: [Int]

    /// - Parameter ids: distinct ids; a repeated id keeps its first position.
    public init(_ ids: [StateID]) {
        self.ids = ids
        positions = IDTable(ids)
        inIDOrder = ids.indices.sorted(by: { ids[$0] < ids[$1] })
        var ranks = [Int](repeating: 0, count: ids.count)
        for (rank, p) in inIDOrder.enumerated() { ranks[p] = rank }
        self.ranks = ranks
    }

    public var count: Int { ids.count }

    /// Two indices are the same when they list the same ids in the same order.
    public static func == (a: StateIndex, b: StateIndex) -> Bool { a.ids == b.ids }

    /// The position of `id`, or nil when it is not one of the run's states.
    @inline(__always)
    public func position(of id: StateID) -> Int? { positions.position(of: id) }
}

/// One value for each state of a `StateIndex`, by position; looked up by id at the edges.
public struct StateTable<Value: Sendable>: Sendable {
    public let index: StateIndex
    public var values: [Value]

    public init(_ index: StateIndex, _ value: (StateID) -> Value) {
        self.index = index
        values = index.ids.map(value)
    }

    /// - Parameter values: one for each position of `index`.
    public init(_ index: StateIndex, values: [Value]) {
        precondition(values.count == index.count, "a table needs one value for each state")
        self.index = index
        self.values = values
    }

    /// The value of `id`; nil for an id not in the index (setting nil changes nothing).
    public subscript(id: StateID) -> Value? {
        get { index.position(of: id).map { values[$0] } }
        set {
            guard let p = index.position(of: id), let newValue else { return }
            values[p] = newValue
        }
    }
}

extension StateTable: Equatable where Value: Equatable {}
