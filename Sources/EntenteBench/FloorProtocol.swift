import ArgumentParser
import EntenteRuntime
import ZeroMQ

/// The messaging floor: a run's process layout, phases, barriers and message counts with
/// no model, no content and no log. Frames are a kind byte and a few fields.
enum FloorFrame: UInt8 {
    case hello = 1, welcome, phase, report, finish, letter
}

/// The letters of one round, as many as a real run sends: in assess each state writes to
/// `assessLetters` peers, in each negotiation step to `lettersPerStep` (the next ones in
/// id order, so each state also receives that many); none in observe and commit.
struct FloorRound {
    let states: Int
    let steps: Int
    let assessLetters: Int
    let lettersPerStep: Int

    var phases: Int { steps + 3 }

    /// The peers state `k` writes to in `phase`.
    func recipients(of k: Int, phase: Int) -> [Int] {
        let count = received(in: phase)
        return count == 0 ? [] : (1...count).map { (k + $0) % states }
    }

    /// How many letters of `phase` reach each state.
    func received(in phase: Int) -> Int {
        if phase == 1 { return min(assessLetters, states - 1) }
        if phase >= 2 && phase < 2 + steps { return min(lettersPerStep, states - 1) }
        return 0
    }

    /// Messages one round moves: a phase start and a report per state and phase, and the letters.
    var messages: Int { states * phases * 2 + (0..<phases).reduce(0) { $0 + received(in: $1) * states } }
}

/// Reads `--keys` for a floor process, as a real run does.
func floorCredentials(_ keys: String?, id: String?) throws -> RunCredentials? {
    try keys.map { try RunKeys.credentials(folder: $0, for: id) }
}

/// The shape of a floor round, as the floor's processes are told it.
struct FloorShape: ParsableArguments {
    @Option var states: Int
    @Option var steps = 2
    @Option var assessLetters: Int
    @Option var lettersPerStep: Int

    var round: FloorRound { FloorRound(states: states, steps: steps, assessLetters: assessLetters, lettersPerStep: lettersPerStep) }
}
