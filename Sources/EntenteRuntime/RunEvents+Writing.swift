/// The log's most frequent events, and the values in them, write themselves
/// (`JSONLineWriting`, JSONObjectWriter.swift): the same bytes as their Codable encoding,
/// which EventLogTests compares, without Codable's containers. Codable's first use of each
/// type costs the runtime's look-ups of its conformances (a quarter of the instructions of
/// a short run went to its log); these four are nine lines in ten of a log.

extension BeliefEvent: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("state", state); o.objects("threats", threats); o.boolIfPresent("deceiving", deceiving)
    }
}

extension AssessmentEvent: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("phase", phase); o.int("step", step); o.string("from", from)
        o.objects("threats", threats); o.objects("sent", sent)
    }
}

extension LetterEvent: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("phase", phase); o.int("step", step); o.string("from", from); o.string("to", to); o.int("seq", seq)
        o.string("kind", kind.rawValue)
        if let threats { o.objects("threats", threats) }
        if kind == .offer { o.stringOrNull("offer", offer?.rawValue); o.stringOrNull("aimed_at", aimedAt) }
        o.intIfPresent("offer_seq", offerSeq); o.stringIfPresent("reason", reason); o.stringIfPresent("reason_state", reasonState)
        o.boolIfPresent("lost", lost); o.boolIfPresent("expired", expired); o.intIfPresent("delay", delay)
    }
}

extension DecisionEvent: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("state", state); o.string("stance", stance.rawValue); o.stringOrNull("threat", threat)
        o.string("rule_code", ruleCode); o.numbersOrNull("rule_numbers", ruleNumbers); o.objects("threats", threats)
    }
}

extension ThreatEntry: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("target", target); o.number("score", score); o.number("power", power)
        o.number("proximity", proximity); o.number("offense", offense); o.number("intent", intent)
    }
}

extension AssessmentEvent.Delivery: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("to", to); o.int("seq", seq)
        o.boolIfPresent("lost", lost); o.boolIfPresent("expired", expired); o.intIfPresent("delay", delay)
    }
}

extension ReportedEntry: JSONLineWriting {
    func write(_ o: inout JSONObjectWriter) {
        o.string("target", target); o.number("score", score); o.number("power", power)
        o.number("offense", offense); o.number("aggressiveness", aggressiveness); o.number("confidence", confidence)
    }
}
