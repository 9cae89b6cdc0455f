import EntenteModel
import EntenteRuntime
import EntenteWire
import Foundation
import Testing
import ZeroMQ

@Suite("End to end: over tcp every socket uses CURVE; outsiders and stolen identities change nothing", .serialized)
struct CurveRunTests {
    let small = Entente.scenario("small")
    let ids = ["AGG", "WEK", "MDA", "MDB", "FAR"]

    func referenceDigest(rounds: Int) throws -> String {
        let r = try Entente.run(["run", small, "--engine", "reference", "--rounds", String(rounds), "--out", try temporaryFolder()])
        return try #require(r.digest, "\(r.stderr)")
    }

    /// Keys from `entente keys`, and a coordinator using them.
    func startCoordinator(_ dir: String, rounds: Int) throws -> (Entente.Running, String) {
        let keys = try Entente.run(["keys", small, "--out", dir + "/keys"])
        #expect(keys.status == 0, "\(keys.stderr)")
        let c = try Entente.Running(["coordinator", "--scenario", small, "--endpoint", "tcp://127.0.0.1:*", "--keys", dir + "/keys",
                                     "--endpoint-file", dir + "/endpoint", "--out", dir + "/run", "--rounds", String(rounds)])
        #expect(eventually(30) { (try? String(contentsOfFile: dir + "/endpoint", encoding: .utf8))?.hasSuffix("\n") == true })
        return (c, try String(contentsOfFile: dir + "/endpoint", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func startStates(_ dir: String, endpoint: String) throws -> [Entente.Running] {
        try ids.map { try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--keys", dir + "/keys"]) }
    }

    func keyPair(_ dir: String, _ file: String) throws -> CurveKeyPair {
        try JSONDecoder().decode(CurveKeyPair.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/keys/" + file)))
    }

    func publicKeys(_ dir: String) throws -> PublicKeys {
        try JSONDecoder().decode(PublicKeys.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/keys/" + RunKeys.publicFile)))
    }

    @Test("`entente keys` writes secrets only the user can read, and a public list")
    func keyFiles() throws {
        let dir = try temporaryFolder()
        #expect(try Entente.run(["keys", small, "--out", dir + "/keys"]).status == 0)
        let fm = FileManager.default
        func mode(_ path: String) throws -> Int { (try fm.attributesOfItem(atPath: dir + "/keys/" + path)[.posixPermissions] as! NSNumber).intValue }
        #expect(try mode("") == 0o700)
        #expect(try mode("coordinator.key") == 0o600)
        for id in ids { #expect(try mode("state-\(id).key") == 0o600) }
        #expect(try mode(RunKeys.publicFile) == 0o644)
        let known = try publicKeys(dir)
        #expect(Set(known.states.keys) == Set(ids))
        #expect(Set(known.states.values).count == ids.count && !known.states.values.contains(known.coordinator))
        #expect(try keyPair(dir, "state-AGG.key").publicKey == known.states["AGG"])
        let again = try Entente.run(["keys", small, "--out", dir + "/keys"])
        #expect(again.status == 1 && again.stderr.contains("already holds a run's keys"))
    }

    @Test("tcp without keys is refused unless --insecure; an exposed address is refused in the clear; keys of another run are named")
    func refusedSetups() throws {
        let clear = try Entente.run(["coordinator", "--scenario", small, "--endpoint", "tcp://127.0.0.1:*"])
        #expect(clear.status == 1 && clear.stderr.contains("uses CURVE") && clear.stderr.contains("--keys"), "\(clear.stderr)")
        let exposed = try Entente.run(["coordinator", "--scenario", small, "--endpoint", "tcp://0.0.0.0:*", "--insecure"])
        #expect(exposed.status == 1 && exposed.stderr.contains("reachable from other hosts"), "\(exposed.stderr)")
        let state = try Entente.run(["state", "--id", "AGG", "--coordinator", "tcp://10.1.2.3:5555", "--insecure"])
        #expect(state.status == 1 && state.stderr.contains("reachable from other hosts"), "\(state.stderr)")
        let both = try Entente.run(["state", "--id", "AGG", "--coordinator", "tcp://127.0.0.1:5555", "--insecure", "--keys", "k"])
        #expect(both.status == 64 && both.stderr.contains("exclude each other"))
        let a = try temporaryFolder(), b = try temporaryFolder()
        #expect(try Entente.run(["keys", small, "--out", a + "/keys"]).status == 0)
        #expect(try Entente.run(["keys", small, "--out", b + "/keys"]).status == 0)
        try FileManager.default.removeItem(atPath: a + "/keys/state-AGG.key")
        try FileManager.default.copyItem(atPath: b + "/keys/state-AGG.key", toPath: a + "/keys/state-AGG.key")
        let mixed = try Entente.run(["state", "--id", "AGG", "--coordinator", "tcp://127.0.0.1:5555", "--keys", a + "/keys"])
        #expect(mixed.status == 1 && mixed.stderr.contains("from different runs"), "\(mixed.stderr)")
    }

    @Test("an outsider without a key, or with a key not of the run, reaches neither the coordinator nor a state: the digest is unchanged")
    func outsiders() throws {
        let rounds = 150
        let expected = try referenceDigest(rounds: rounds)
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, rounds: rounds)
        let states = try startStates(dir, endpoint: endpoint)
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        let log = events(dir + "/run")
        let target = try #require(log.joined.first { $0.state == "MDA" }?.endpoint)
        let next = UInt16(log.filter { $0.body is RoundEnd }.count + 1)
        let known = try publicKeys(dir)
        let stranger = try CurveKeyPair.generate()

        let context = try Context()
        var sockets: [Socket] = []
        for keys in [nil, stranger] {
            let dealer = try Socket(context, .dealer)
            try dealer.setRoutingID("EVIL")
            if let keys { try dealer.makeCurveClient(keys, serverKey: known.coordinator) }
            try dealer.connect(endpoint)
            try dealer.send(ControlMessage.hello(Hello(state: "EVIL", pid: 1, endpoint: "tcp://127.0.0.1:1")).encoded(), dontWait: true)
            try dealer.send([0xde, 0xad, 0xbe, 0xef], dontWait: true)
            let push = try Socket(context, .push)
            if let keys { try push.makeCurveClient(keys, serverKey: known.states["MDA"]!) }
            try push.connect(target)
            for seq in 0..<50 {
                let forged = PeerMessage(round: next, phase: .assess, step: 0,
                                         letter: Letter(sender: "AGG", receiver: "MDA", seq: UInt32(seq), body: .offer(kind: .bandwagon, aimedAt: "FAR")))
                try push.send(forged.encoded(), dontWait: true)
            }
            sockets += [dealer, push]
        }
        let r = try coordinator.wait(timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.digest == expected)
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        let problems = events(dir + "/run").rejections.map(\.rejection.problem)
        // Nothing they sent was read; the stranger's key was refused at the door (counted, outside the digest).
        #expect(!problems.contains { $0.sender == "EVIL" || $0.sender == "AGG" || $0.code == .malformed }, "\(problems)")
        #expect(problems.contains { $0.code == .unknownKey })
        for s in sockets { s.close() }
    }

    @Test("holding one state's key, one cannot speak as another, to the coordinator or to a peer")
    func stolenIdentity() throws {
        let rounds = 150
        let expected = try referenceDigest(rounds: rounds)
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, rounds: rounds)
        let agg = try keyPair(dir, "state-AGG.key")
        let known = try publicKeys(dir)
        let context = try Context()
        // Before FAR joins, AGG's key says hello as FAR: refused, then it leaves and the real FAR joins.
        let impostor = try Socket(context, .dealer)
        try impostor.setRoutingID("FAR")
        try impostor.makeCurveClient(agg, serverKey: known.coordinator)
        try impostor.connect(endpoint)
        try impostor.send(ControlMessage.hello(Hello(state: "FAR", pid: 1, endpoint: "tcp://127.0.0.1:1")).encoded())
        // (Refusals are logged once the states have joined: checked at the end.)
        usleep(500_000)
        impostor.close()
        usleep(200_000)
        let states = try startStates(dir, endpoint: endpoint)
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        let log = events(dir + "/run")
        let target = try #require(log.joined.first { $0.state == "MDA" }?.endpoint)
        let next = UInt16(log.filter { $0.body is RoundEnd }.count + 1)
        // Mid-run, AGG's key sends MDA letters signed "FAR".
        let push = try Socket(context, .push)
        try push.makeCurveClient(agg, serverKey: known.states["MDA"]!)
        try push.connect(target)
        for seq in 0..<20 {
            let forged = PeerMessage(round: next, phase: .assess, step: 0,
                                     letter: Letter(sender: "FAR", receiver: "MDA", seq: UInt32(seq), body: .offer(kind: .balance, aimedAt: "AGG")))
            try push.send(forged.encoded())
        }
        let r = try coordinator.wait(timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.digest == expected)
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        let rejected = events(dir + "/run").rejections
        #expect(rejected.contains { $0.round == 0 && $0.rejection.problem.code == .wrongKey && $0.rejection.problem.sender == "FAR" && $0.rejection.problem.detail == "AGG" })
        #expect(rejected.contains { $0.rejection.state == "MDA" && $0.rejection.problem.code == .wrongKey && $0.rejection.problem.sender == "FAR" && $0.rejection.problem.detail == "AGG" })
        push.close()
    }
}
