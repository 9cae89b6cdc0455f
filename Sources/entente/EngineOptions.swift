import ArgumentParser
import EntenteRuntime

/// `--engine` and `--transport`, shared by `run` and `sweep`, read into one `Engine`: a
/// transport only goes with the cluster engine.
struct EngineOptions: ParsableArguments {
    enum Name: String, CaseIterable, ExpressibleByArgument { case cluster, reference }

    @Option(help: ArgumentHelp("cluster: one OS process per state, over --transport; reference: every state in one process, "
                               + "in memory (the same outcome and digest, much faster)."))
    var engine: Name = .cluster

    @Option(help: "Transport between a cluster's processes: ipc (Unix sockets, default) or tcp (loopback, with CURVE).")
    var transport: Transport?

    func validate() throws {
        do { _ = try Engine(name: engine.rawValue, transport: transport) } catch { throw ValidationError("\(error)") }
    }

    /// The engine the options name (validated).
    var value: Engine { (try? Engine(name: engine.rawValue, transport: transport)) ?? .cluster(.ipc) }
}

extension Transport: ExpressibleByArgument {}
