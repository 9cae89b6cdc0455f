import ArgumentParser
import EntenteModel
import EntenteRuntime
import Foundation

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Run one state's process: it joins the coordinator and negotiates with its peers.",
        discussion: """
            The state binds its own peer endpoint (--listen), tells the coordinator where it is, and \
            receives the endpoints of only the peers it may reach. It exits when the run ends \
            (status 0), is aborted, or the coordinator goes silent (status 1).
            """
    )

    @Option(help: "This state's id, as in the scenario (e.g. GMY).")
    var id: String

    @Option(help: "The coordinator's endpoint, e.g. tcp://coordinator-host:5555.")
    var coordinator: String

    @Option(help: "Endpoint to bind for peers' messages; tcp://127.0.0.1:* picks a free port.")
    var listen: String = "tcp://127.0.0.1:*"

    @Option(help: "Host name or address peers should use to reach this state (when --listen binds 0.0.0.0).")
    var advertise: String?

    @Option(parsing: .unconditional, help: "Seconds without a word from the coordinator before giving up.")
    var coordinatorTimeout: Double = 120

    @Flag(help: "Exit when the parent process exits (used by `entente run`).")
    var exitWithParent = false

    @OptionGroup var security: SecurityOptions

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard Timeouts.seconds.contains(coordinatorTimeout) else {
            throw ValidationError("--coordinator-timeout must be from \(Timeouts.seconds.lowerBound) to \(Timeouts.seconds.upperBound) seconds")
        }
    }

    func run() throws {
        resetSignals()
        var process: StateProcess?
        do {
            let credentials = try security.credentials(for: id, endpoints: [coordinator, listen])
            let options = StateProcessOptions(id: id, coordinator: coordinator, listen: listen, advertise: advertise,
                                              coordinatorTimeout: coordinatorTimeout, exitWithParent: exitWithParent,
                                              credentials: credentials)
            process = try StateProcess(options)
            _ = try process!.run()
        } catch {
            if let process, !process.aborted { process.reportFailure("\(error)") }
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
