import EntenteModel
import EntenteScenario
import Foundation
import Testing
@testable import EntenteRuntime

/// Each information knob changes what a state is told or can do, checked on the log.
@Suite("Information asymmetry knobs, checked on the messages in the log")
struct KnobTests {
    /// Runs the small scenario on the reference engine with `overrides` and returns its events.
    func events(_ overrides: [String], scenario: String = "small", rounds: Int? = nil) throws -> [[String: Any]] {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml",
                                  overrides: overrides.map(ScenarioOverride.init(parsing:)))
        let dir = NSTemporaryDirectory() + "entente-knob-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let settings = RunSettings(scenario: s, scenarioPath: scenario, rounds: rounds, runID: "knob", engine: .reference, transport: .memory)
        _ = try Coordinator(settings, outDirectory: dir).run(over: ReferenceChannel(ids: s.ids))
        let text = try String(contentsOfFile: dir + "/events.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func ofType(_ events: [[String: Any]], _ type: String) -> [[String: Any]] { events.filter { $0["type"] as? String == type } }

    // small.yaml's map: WEK-AGG, AGG-MDA, AGG-MDB, MDA-MDB, MDB-FAR.
    static let borders: Set<[String]> = [["AGG", "WEK"], ["AGG", "MDA"], ["AGG", "MDB"], ["MDA", "MDB"], ["FAR", "MDB"]]

    @Test("topology neighbors: no letter goes between states that do not border")
    func neighborsOnly() throws {
        let letters = ofType(try events(["communication.topology=neighbors"]), "letter")
        #expect(!letters.isEmpty)
        for l in letters {
            let pair = [l["from"] as! String, l["to"] as! String].sorted()
            #expect(Self.borders.contains(pair), "letter \(pair)")
        }
    }

    @Test("topology explicit: only the listed pairs talk")
    func explicitGraph() throws {
        let letters = ofType(try events(["communication.topology=explicit", "communication.edges=[[MDA, MDB], [MDB, FAR]]"]), "letter")
        #expect(!letters.isEmpty)
        for l in letters {
            let pair = [l["from"] as! String, l["to"] as! String].sorted()
            #expect(pair == ["MDA", "MDB"] || pair == ["FAR", "MDB"])
        }
    }

    @Test("loss 1.0 on a channel: nothing crosses it, the rest does")
    func lossOne() throws {
        let letters = ofType(try events(["channels.pairs=[{a: MDA, b: MDB, loss: 1.0}]"]), "letter")
        let across = letters.filter { Set([$0["from"] as! String, $0["to"] as! String]) == ["MDA", "MDB"] }
        #expect(!across.isEmpty)
        #expect(across.allSatisfy { $0["lost"] as? Bool == true })
        #expect(letters.filter { $0["lost"] as? Bool == true }.count == across.count)
    }

    @Test("a delayed channel delivers later, and letters due after commit expire")
    func delay() throws {
        let log = try events(["channels.delay=2"], scenario: "europe-1914")
        let letters = ofType(log, "letter")
        #expect(letters.contains { $0["delay"] as? Int == 2 })
        #expect(letters.contains { $0["expired"] as? Bool == true })
        // What would expire is not sent, so nothing arrives unannounced.
        #expect(ofType(log, "refused").isEmpty)
        let none = ofType(try events([]), "letter")
        #expect(none.allSatisfy { $0["delay"] == nil && $0["expired"] == nil && $0["lost"] == nil })
    }

    @Test("noise 0: observations equal the truth")
    func noiseZero() throws {
        let log = try events(["observation.noise=0", "world.growth_sd=0"])
        // With no drift and no war in round 1, round 2's observations show round 1's closing powers.
        let powers = try #require(ofType(log, "round_end").first { $0["round"] as? Int == 1 }?["power"] as? [String: Double])
        for o in ofType(log, "observation") where o["round"] as? Int == 2 {
            for seen in o["seen"] as! [[String: Any]] {
                #expect(seen["power"] as? Double == powers[seen["state"] as! String])
                #expect(seen["confidence"] as? Double == 1)
            }
        }
    }

    @Test("visibility neighbors: a state is told only of the states it borders")
    func visibilityNeighbors() throws {
        for o in ofType(try events(["observation.visibility=neighbors"]), "observation") {
            let me = o["state"] as! String
            for seen in o["seen"] as! [[String: Any]] {
                #expect(Self.borders.contains([me, seen["state"] as! String].sorted()))
            }
        }
    }

    @Test("per-state settings: an intelligence service sees more sharply, a named list limits sight")
    func perStateObservation() throws {
        let log = try events(["states.FAR.observation={visibility: list, visible: [MDB]}", "states.WEK.observation.intelligence=100"])
        for o in ofType(log, "observation") where o["state"] as? String == "FAR" {
            #expect((o["seen"] as! [[String: Any]]).map { $0["state"] as! String } == ["MDB"])
        }
        let wek = try #require(ofType(log, "observation").first { $0["state"] as? String == "WEK" })
        #expect((wek["seen"] as! [[String: Any]]).allSatisfy { ($0["confidence"] as! Double) > 0.99 })
    }

    @Test("intelligence lag: observations are k rounds old")
    func lag() throws {
        let log = try events(["observation.noise=0", "observation.lag=2", "world.war_chance=0"], rounds: 6)
        let closing = Dictionary(uniqueKeysWithValues: ofType(log, "round_end").map { ($0["round"] as! Int, $0["power"] as! [String: Double]) })
        // Round 5 sees the world as it was at the start of round 3, i.e. at the end of round 2.
        for o in ofType(log, "observation") where o["round"] as? Int == 5 {
            for seen in o["seen"] as! [[String: Any]] {
                #expect(seen["power"] as? Double == closing[2]?[seen["state"] as! String])
                #expect(seen["power"] as? Double != closing[4]?[seen["state"] as! String])
            }
        }
    }

    @Test("deception: the log keeps what a deceiver believed and what it said")
    func deception() throws {
        let log = try events(["deception.states=[MDA]", "deception.inflation=3"])
        let belief = try #require(ofType(log, "belief").first { $0["state"] as? String == "MDA" })
        #expect(belief["deceiving"] as? Bool == true)
        let believed = (belief["threats"] as! [[String: Any]])[0]
        let said = try #require(ofType(log, "letter").first { $0["from"] as? String == "MDA" && $0["kind"] as? String == "assessment" })
        let told = (said["threats"] as! [[String: Any]])[0]
        #expect(told["target"] as? String == believed["target"] as? String)
        #expect(abs((told["power"] as! Double) - 3 * (believed["power"] as! Double)) < 1e-12)
        // Honest states say what they believe.
        let honest = try #require(ofType(log, "belief").first { $0["state"] as? String == "MDB" })
        #expect(honest["deceiving"] == nil)
        let honestSaid = try #require(ofType(log, "letter").first { $0["from"] as? String == "MDB" && $0["kind"] as? String == "assessment" })
        #expect((honestSaid["threats"] as! [[String: Any]])[0]["power"] as? Double == (honest["threats"] as! [[String: Any]])[0]["power"] as? Double)
    }
}
