import EntenteModel
import EntenteScenario
import Foundation
import Testing
@testable import EntenteRuntime

/// Each information knob changes what a state is told or can do, checked on the log.
@Suite("Information asymmetry knobs, checked on the messages in the log")
struct KnobTests {
    /// Runs the small scenario on the reference engine with `overrides` and returns its events.
    func events(_ overrides: [String], scenario: String = "small", rounds: Int? = nil) throws -> [RunEvent] {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml",
                                  overrides: overrides.map(ScenarioOverride.init(parsing:)))
        let dir = NSTemporaryDirectory() + "entente-knob-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var settings = RunSettings(scenario: s, scenarioPath: scenario, rounds: rounds, runID: "knob", engine: .reference)
        settings.logLevel = .full
        _ = try ReferenceEngine.run(settings, outDirectory: dir)
        // Every line decodes, and re-encodes to itself: a field the typed event has as nil is one the line left out.
        let (log, lines) = try ReferenceEngineTests.events(in: dir)
        #expect(ReferenceEngineTests.firstDifference(log, lines) == nil)
        return log
    }

    // small.yaml's map: WEK-AGG, AGG-MDA, AGG-MDB, MDA-MDB, MDB-FAR.
    static let borders: Set<[String]> = [["AGG", "WEK"], ["AGG", "MDA"], ["AGG", "MDB"], ["MDA", "MDB"], ["FAR", "MDB"]]

    @Test("topology neighbors: no letter goes between states that do not border")
    func neighborsOnly() throws {
        let letters = try events(["communication.topology=neighbors"]).letters
        #expect(!letters.isEmpty)
        for (_, l) in letters {
            let pair = [l.from, l.to].sorted()
            #expect(Self.borders.contains(pair), "letter \(pair)")
        }
    }

    @Test("topology explicit: only the listed pairs talk")
    func explicitGraph() throws {
        let letters = try events(["communication.topology=explicit", "communication.edges=[[MDA, MDB], [MDB, FAR]]"]).letters
        #expect(!letters.isEmpty)
        for (_, l) in letters {
            let pair = [l.from, l.to].sorted()
            #expect(pair == ["MDA", "MDB"] || pair == ["FAR", "MDB"])
        }
    }

    @Test("loss 1.0 on a channel: nothing crosses it, the rest does")
    func lossOne() throws {
        let letters = try events(["channels.pairs=[{a: MDA, b: MDB, loss: 1.0}]"]).letters.map(\.letter)
        let across = letters.filter { Set([$0.from, $0.to]) == ["MDA", "MDB"] }
        #expect(!across.isEmpty)
        #expect(across.allSatisfy { $0.lost == true })
        #expect(letters.filter { $0.lost == true }.count == across.count)
    }

    @Test("a delayed channel delivers later, and letters due after commit expire")
    func delay() throws {
        let log = try events(["channels.delay=2"], scenario: "europe-1914")
        let letters = log.letters.map(\.letter)
        #expect(letters.contains { $0.delay == 2 })
        #expect(letters.contains { $0.expired == true })
        // What would expire is not sent, so nothing arrives unannounced.
        #expect(!log.contains { $0.body is Refusal })
        let none = try events([]).letters.map(\.letter)
        #expect(none.allSatisfy { $0.delay == nil && $0.expired == nil && $0.lost == nil })
    }

    @Test("noise 0: observations equal the truth")
    func noiseZero() throws {
        let log = try events(["observation.noise=0", "world.growth_sd=0"])
        // With no drift and no war in round 1, round 2's observations show round 1's closing powers.
        let powers = try #require(log.roundEnds.first { $0.round == 1 }?.end.powers)
        for (round, o) in log.observations where round == 2 {
            for seen in o.seen {
                #expect(seen.power == powers[seen.state])
                #expect(seen.confidence == 1)
            }
        }
    }

    @Test("visibility neighbors: a state is told only of the states it borders")
    func visibilityNeighbors() throws {
        for (_, o) in try events(["observation.visibility=neighbors"]).observations {
            for seen in o.seen {
                #expect(Self.borders.contains([o.state, seen.state].sorted()))
            }
        }
    }

    @Test("per-state settings: an intelligence service sees more sharply, a named list limits sight")
    func perStateObservation() throws {
        let log = try events(["states.FAR.observation={visibility: list, visible: [MDB]}", "states.WEK.observation.intelligence=100"])
        for (_, o) in log.observations where o.state == "FAR" {
            #expect(o.seen.map(\.state) == ["MDB"])
        }
        let wek = try #require(log.observations.first { $0.observation.state == "WEK" }?.observation)
        #expect(wek.seen.allSatisfy { $0.confidence > 0.99 })
    }

    @Test("intelligence lag: observations are k rounds old")
    func lag() throws {
        let log = try events(["observation.noise=0", "observation.lag=2", "world.war_chance=0"], rounds: 6)
        let closing = Dictionary(uniqueKeysWithValues: log.roundEnds.map { ($0.round, $0.end.powers) })
        // Round 5 sees the world as it was at the start of round 3, i.e. at the end of round 2.
        for (round, o) in log.observations where round == 5 {
            for seen in o.seen {
                #expect(seen.power == closing[2]?[seen.state])
                #expect(seen.power != closing[4]?[seen.state])
            }
        }
    }

    @Test("deception: the log keeps what a deceiver believed and what it said")
    func deception() throws {
        let log = try events(["deception.states=[MDA]", "deception.inflation=3"])
        let belief = try #require(log.beliefs.first { $0.state == "MDA" })
        #expect(belief.deceiving == true)
        let believed = try #require(belief.threats.first)
        let said = try #require(log.letters.first { $0.letter.from == "MDA" && $0.letter.kind == .assessment }?.letter)
        let told = try #require(said.threats?.first)
        #expect(told.target == believed.target)
        #expect(abs(told.power - 3 * believed.power) < 1e-12)
        // Honest states say what they believe.
        let honest = try #require(log.beliefs.first { $0.state == "MDB" })
        #expect(honest.deceiving == nil)
        let honestSaid = try #require(log.letters.first { $0.letter.from == "MDB" && $0.letter.kind == .assessment }?.letter)
        #expect(try #require(honestSaid.threats?.first).power == (try #require(honest.threats.first)).power)
    }
}

/// Each kind of event this file checks, with its round.
extension [RunEvent] {
    /// Every letter, assessments taken out of their one-line-per-sender groups.
    var letters: [(round: Int, letter: LetterEvent)] {
        flatMap { event -> [(round: Int, letter: LetterEvent)] in
            switch event.body {
            case let l as LetterEvent: [(event.round, l)]
            case let a as AssessmentEvent: a.letters.map { (event.round, $0) }
            default: []
            }
        }
    }
    var observations: [(round: Int, observation: ObservationEvent)] {
        compactMap { if let o = $0.body as? ObservationEvent { ($0.round, o) } else { nil } }
    }
    var roundEnds: [(round: Int, end: RoundEnd)] { compactMap { if let e = $0.body as? RoundEnd { ($0.round, e) } else { nil } } }
    var beliefs: [BeliefEvent] { compactMap { if let b = $0.body as? BeliefEvent { b } else { nil } } }
}

extension RoundEnd {
    /// Each live state's true power share, by state.
    var powers: [StateID: Double] { Dictionary(uniqueKeysWithValues: power.map { ($0.state, $0.power) }) }
}
