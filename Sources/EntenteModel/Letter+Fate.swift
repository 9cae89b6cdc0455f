/// What a channel does with one letter. Decided by a pure function of the letter, the
/// channel and the seed, so the sender, the coordinator and the reference engine agree on
/// it without telling each other (if they drifted, a receiver would wait out a phase).
public enum LetterFate: Equatable, Sendable {
    /// The channel loses it (a seeded draw).
    case lost
    /// It would arrive after the round's commit phase: it is never read, so never sent.
    case expired
    /// It is read in the phase at this index of the round.
    case due(phaseIndex: Int)
}

extension Letter {
    /// The fate of this letter, sent in `round` from the phase at `index` over `channel`.
    public func fate(round: Int, sentAt index: Int, negotiationSteps: Int, channel: ChannelQuality, seed: UInt64) -> LetterFate {
        if isLost(round: round, seed: seed, loss: channel.loss) { return .lost }
        let due = index + 1 + channel.delay
        return due > Phase.commit.index(step: 0, negotiationSteps: negotiationSteps) ? .expired : .due(phaseIndex: due)
    }

    /// Whether the channel loses this letter: a seeded draw per (sender, receiver, round, seq).
    func isLost(round: Int, seed: UInt64, loss: Double) -> Bool {
        guard loss > 0 else { return false }
        var rng = SeededRandom(seed: seed, key: StreamKey("loss").with(sender).with(receiver).with(round).with(Int(seq)))
        return rng.uniform() < loss
    }
}
