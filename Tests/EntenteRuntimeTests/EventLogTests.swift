import EntenteModel
import EntenteWire
import Foundation
import Testing
@testable import EntenteRuntime

@Suite("The event log: words are outside the digest")
struct EventLogTests {
    static func digest(_ events: [RunEvent]) -> String {
        let log = try! EventLog(path: nil)
        for e in events { log.record(e) }
        return log.finish()
    }

    @Test("two runs that differ only in a message's words have the same digest; a different code moves it")
    func rewordingKeepsTheDigest() {
        var a = AbsenceCause(.failed, "it failed (round 2 commit): boom")
        let first = Self.digest([RunEvent(round: 2, Absence(state: "GMY", phase: "commit", step: nil, cause: a))])
        a.words = "reworded entirely"
        #expect(Self.digest([RunEvent(round: 2, Absence(state: "GMY", phase: "commit", step: nil, cause: a))]) == first)
        a.code = .deadline
        #expect(Self.digest([RunEvent(round: 2, Absence(state: "GMY", phase: "commit", step: nil, cause: a))]) != first)
    }

    @Test("a line with words ends in its text; the part the digest covers is the line without it, found again from the bytes")
    func digestPartOfALine() {
        let refusal = RunEvent(round: 3, Refusal(state: "A", phase: .commit, .hostileSides("A", "B", state: "A", enemy: "T")))
        var bytes: [UInt8] = []
        let wordsAt = refusal.encodeLine(into: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line.hasPrefix(#"{"type":"refused","round":3,"state":"A","phase":"commit","code":"hostile-sides","states":["A","B","A","T"]"#))
        #expect(line.hasSuffix(#","text":"alliance A-B refused: it would put A on one side with T, which it balances against"}"#))
        let covered = Array(bytes[..<wordsAt!]) + [UInt8(ascii: "}")]
        #expect(RunEvent.digestPart(of: bytes[...]) == covered)
        // A quote inside the words is escaped, so it cannot look like the start of `text`.
        let tricky = RunEvent(round: 1, Absence(state: "A", phase: "assess", step: nil, cause: AbsenceCause(.failed, #"x","text":"y"#)))
        var t: [UInt8] = []
        let at = tricky.encodeLine(into: &t)
        #expect(RunEvent.digestPart(of: t[...]) == Array(t[..<at!]) + [UInt8(ascii: "}")])
    }

    @Test("every coded event decodes back to the same line")
    func codedEventsRoundTrip() throws {
        let events: [any EventBody] = [
            Refusal(state: "A", phase: .negotiate, .lettersInSilentPhase(count: 2)),
            Refusal(state: "A", phase: .assess, .notAPeer("Z")),
            Rejection(state: "MDA", phase: "negotiate", Problem(.outOfWindow, sender: "AGG", count: 20, detail: "round 9, beyond the next")),
            Rejection(state: nil, phase: nil, Problem(.overflow, count: 7)),
            AllianceDissolved(members: ["A", "B"], label: .bandwagon(with: "A", junior: "B"), reason: .seniorThreatGrew("A", junior: "B", ratio: 1.5)),
            Absence(state: "A", phase: "negotiate", step: 2, cause: AbsenceCause(.deadline, "no report within 5 s")),
        ]
        for body in events {
            let line = RunEvent(round: 4, body).line
            let back = try JSONDecoder().decode(RunEvent.self, from: Data(line.utf8))
            #expect(back.line == line)
        }
    }

    @Test("the events that write themselves give the line of their Codable encoding", arguments: [
        #"{"type":"decision","round":3,"state":"MDA","stance":"bandwagon","threat":null,"rule_code":"no-threat","rule_numbers":[0.5,null,1e-20],"threats":[{"target":"AGG","score":0.25,"power":1,"proximity":0.5,"offense":2,"intent":1.5}]}"#,
        #"{"type":"letter","round":2,"phase":"negotiate","step":1,"from":"A","to":"B","seq":7,"kind":"offer","offer":"balance","aimed_at":null,"lost":true}"#,
        #"{"type":"letter","round":2,"phase":"negotiate","step":2,"from":"A","to":"B","seq":8,"kind":"reject","offer_seq":3,"reason":"on-side-of","reason_state":"C","delay":2}"#,
        #"{"type":"letter","round":2,"phase":"assess","step":0,"from":"A \"q\"","to":"B","seq":1,"kind":"assessment","threats":[{"target":"C","score":0.1,"power":0.2,"offense":0.3,"aggressiveness":0.4,"confidence":0.5}],"expired":true}"#,
        #"{"type":"belief","round":1,"state":"A","threats":[],"deceiving":true}"#,
        #"{"type":"assessment","round":1,"phase":"assess","step":0,"from":"A","threats":[{"target":"C","score":0.1,"power":0.2,"offense":0.3,"aggressiveness":0.4,"confidence":0.5}],"sent":[{"to":"B","seq":1},{"to":"D","seq":2,"delay":1}]}"#,
    ])
    func eventWritersMatchCodable(line: String) throws {
        let event = try JSONDecoder().decode(RunEvent.self, from: Data(line.utf8))
        #expect(event.body is any JSONLineWriting)
        var codable: [UInt8] = []
        JSONLineEncoder.encode(event, into: &codable)
        let written = event.lineBytes
        #expect(RunEvent.digestPart(of: written[...]) == codable)
        #expect(String(decoding: codable, as: UTF8.self) == line)
    }

    /// Encodes `value` by its Codable conformance even where it writes itself.
    struct ViaCodable<T: Encodable>: Encodable {
        var value: T
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }

    static func json(_ value: some Encodable) -> String {
        var bytes: [UInt8] = []
        JSONLineEncoder.encode([value], into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("the values that write themselves give the bytes of their Codable encoding", arguments: [
        (nil, nil, nil), (true, nil, nil), (false, true, 3), (nil, nil, 0),
    ] as [(Bool?, Bool?, Int?)])
    func writersMatchCodable(lost: Bool?, expired: Bool?, delay: Int?) {
        let d = AssessmentEvent.Delivery(to: "GMY \"x\"", seq: 12, lost: lost, expired: expired, delay: delay)
        #expect(Self.json(d) == Self.json(ViaCodable(value: d)))
        let e = ReportedEntry(ReportedThreat(target: "FRN", score: 0.125, estimate: Estimate(
            attributes: Attributes(power: 1 / 3, offense: 2, aggressiveness: .nan), confidence: 1e-20)))
        #expect(Self.json(e) == Self.json(ViaCodable(value: e)))
        #expect(Self.json(e).hasPrefix(#"[{"target":"FRN","score":0.125,"power":0.333"#), "\(Self.json(e))")
    }
}
