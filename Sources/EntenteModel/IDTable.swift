/// The positions of a fixed list of ids: open addressing over FNV-1a of each id's UTF-8.
///
/// Why not a `Dictionary`: a run looks ids up millions of times a round (every report,
/// letter and observation names its states), and a `Dictionary<String, Int>` seeds and
/// finalises SipHash at each look-up, which was most of what finding a position cost.
/// SipHash is there against hash flooding; here the table holds only the run's own ids,
/// fixed when it is made, so a hostile id can only miss: it cannot lengthen a probe chain
/// beyond what the scenario itself made. Ids are plain ASCII (`isValidStateID`, checked
/// in scenarios and on the wire), so equal bytes and equal strings are the same thing.
struct IDTable: Sendable {
    /// The ids, by position.
    private let ids: [StateID]
    /// A power of two of places, at most half full: each the position stored there, or -1.
    private let places: [Int32]

    /// - Parameter ids: a repeated id keeps its first position.
    init(_ ids: [StateID]) {
        self.ids = ids
        var size = 8
        while size < 2 * ids.count { size *= 2 }
        var places = [Int32](repeating: -1, count: size)
        for (k, id) in ids.enumerated() {
            var h = Self.hash(id) & (size - 1)
            while places[h] >= 0 && ids[Int(places[h])] != id { h = (h + 1) & (size - 1) }
            if places[h] < 0 { places[h] = Int32(k) }
        }
        self.places = places
    }

    /// The position of `id`, or nil when it is not in the table.
    @inline(__always)
    func position(of id: StateID) -> Int? {
        let mask = places.count - 1
        var h = Self.hash(id) & mask
        while true {
            let k = places[h]
            if k < 0 { return nil }
            if ids[Int(k)] == id { return Int(k) }
            h = (h + 1) & mask
        }
    }

    /// FNV-1a (64 bits) of the id's UTF-8, folded to a non-negative Int.
    @inline(__always)
    static func hash(_ id: StateID) -> Int {
        // Over the bytes in one buffer (a short id's are copied out of the string once):
        // iterating `utf8` itself decodes the string's storage again at every byte.
        let h = id.utf8.withContiguousStorageIfAvailable(fnv1a) ?? Array(id.utf8).withUnsafeBufferPointer(fnv1a)
        return Int(truncatingIfNeeded: (h ^ (h >> 32)) & 0x7fff_ffff_ffff_ffff)
    }

    @inline(__always)
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
