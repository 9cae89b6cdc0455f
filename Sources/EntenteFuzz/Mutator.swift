import EntenteModel

/// Mutations of valid messages, the way a fuzzer makes them: flipped bits, bytes set to
/// edge values, cut, inserted, repeated or spliced ranges, and sometimes pure noise.
/// Seeded, so a run can be repeated.
struct Mutator {
    var random: SeededRandom
    let seeds: [[UInt8]]

    init(seeds: [[UInt8]], seed: UInt64) {
        self.seeds = seeds.filter { !$0.isEmpty }
        random = SeededRandom(seed: seed)
    }

    mutating func next() -> [UInt8] {
        if seeds.isEmpty || Int.random(in: 0..<20, using: &random) == 0 {
            return (0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        var bytes = seeds.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { bytes = [UInt8.random(in: 0...255, using: &random)]; return }
        let i = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes[i] = [0, 1, 0x7f, 0x80, 0xfe, 0xff].randomElement(using: &random)!
        case 2: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...16, using: &random)))
        case 3: bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: i)
        case 4: bytes = Array(bytes.prefix(i))
        case 5:
            let end = min(bytes.count, i + Int.random(in: 1...32, using: &random))
            bytes.insert(contentsOf: bytes[i..<end], at: end)
        default:
            let other = seeds.randomElement(using: &random)!
            let j = Int.random(in: 0..<max(1, other.count), using: &random)
            bytes = Array(bytes.prefix(i)) + other.dropFirst(j)
        }
    }
}
