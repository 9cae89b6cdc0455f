import ArgumentParser
import EntenteModel
import EntenteRuntime
import Testing
@testable import entente

/// The command lines `entente` starts itself with (ChildInvocation.swift) parse under the
/// commands they name, and each value arrives where it was meant to: a renamed flag fails here.
@Suite("Child invocations parse under their commands")
struct InvocationTests {
    func parse<C: ParsableCommand>(_ arguments: [String], as _: C.Type) throws -> C {
        let parsed = try Entente.parseAsRoot(arguments)
        return try #require(parsed as? C, "\(arguments) parsed as \(type(of: parsed)), not \(C.self)")
    }

    @Test("the coordinator `entente run` starts, with keys, a resume and a log level", arguments: [Transport.ipc, .tcp])
    func coordinator(transport: Transport) throws {
        var i = CoordinatorInvocation(resolvedScenario: "/r/scenario.json", out: "/r", transport: transport,
                                      endpoint: "ipc:///tmp/x/coordinator", endpointFile: "/tmp/x/endpoint")
        (i.resume, i.logLevel, i.security, i.verbosity) = (true, .full, transport == .tcp ? .keys(folder: "/tmp/x/keys") : .none, .quiet)
        let c = try parse(i.arguments, as: CoordinatorCommand.self)
        #expect(c.resolvedScenario == "/r/scenario.json" && c.options.out == "/r" && c.transport == transport)
        #expect(c.endpoint == "ipc:///tmp/x/coordinator" && c.endpointFile == "/tmp/x/endpoint")
        #expect(c.resume && c.exitWithParent && c.options.log == .full && c.verbosity.quiet)
        #expect(c.security.keys == (transport == .tcp ? "/tmp/x/keys" : nil) && !c.security.insecure)
    }

    @Test("a state `entente run` starts, in the clear and verbose")
    func state() throws {
        let i = StateInvocation(id: "GMY", coordinator: "tcp://127.0.0.1:4000", listen: "tcp://127.0.0.1:*", security: .insecure, verbosity: .verbose)
        let s = try parse(i.arguments, as: StateCommand.self)
        #expect(s.id == "GMY" && s.coordinator == "tcp://127.0.0.1:4000" && s.listen == "tcp://127.0.0.1:*")
        #expect(s.exitWithParent && s.security.insecure && s.security.keys == nil && s.verbosity.verbose)
    }

    @Test("a run `entente sweep` starts, on either engine", arguments: [Engine.reference, .cluster(.ipc), .cluster(.tcp)])
    func run(engine: Engine) throws {
        let i = RunInvocation(scenario: "scenarios/small.yaml", engine: engine, seed: 42, out: "/s/runs/p1-s42", rounds: 7,
                              overrides: ["channels.loss=0.1", "deception.share=0.5"])
        let r = try parse(i.arguments, as: Run.self)
        #expect(r.scenario == "scenarios/small.yaml" && r.engine.value == engine && r.exitWithParent)
        #expect(r.options.seed == 42 && r.options.rounds == 7 && r.options.out == "/s/runs/p1-s42")
        #expect(r.options.overrides == ["channels.loss=0.1", "deception.share=0.5"])
    }

    @Test("the reference engine over a transport is refused, saying why")
    func referenceOverTcp() {
        #expect(throws: (any Error).self) { try Entente.parseAsRoot(["run", "scenarios/small.yaml", "--engine", "reference", "--transport", "tcp"]) }
        #expect(throws: RunError.self) { try Engine(name: "reference", transport: .tcp) }
        #expect(throws: RunError.self) { try Engine(name: "warp", transport: nil) }
    }
}
