import ArgumentParser
import EntenteModel
import EntenteScenario
import EntenteRuntime
import Foundation

struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Run the coordinator process: the clock, the ground truth and the logs.",
        discussion: """
            Binds ENDPOINT and waits for every state of the scenario to join (`entente state --id X \
            --coordinator ENDPOINT`), then runs the rounds. Over tcp every socket uses CURVE: give \
            --keys DIR (from `entente keys`) to the coordinator and to every state. Any launcher can start it: a script, \
            Kubernetes, Slurm. Prints the summary; the last line is `digest: <hex>`.
            """
    )

    @Option(help: "The scenario file (YAML).")
    var scenario: String?

    @Option(help: "A resolved scenario instead of --scenario: the scenario.json `entente run` writes in its run folder.")
    var resolvedScenario: String?

    @Option(help: "Endpoint to bind for the states, e.g. tcp://0.0.0.0:5555, tcp://127.0.0.1:* or ipc:///tmp/entente/c.")
    var endpoint: String = "tcp://127.0.0.1:5555"

    @Option(help: "Write the bound endpoint (with the real port) to this file once ready.")
    var endpointFile: String?

    @OptionGroup var options: RunOptions

    @OptionGroup var security: SecurityOptions

    @Option(help: "Transport name recorded in the logs (informational).")
    var transport: Transport = .tcp

    @Flag(help: "Stop when the parent process exits (used by `entente run`).")
    var exitWithParent = false

    @Flag(help: "Continue the run in the --out folder from its last completed round (replayed and checked against its log).")
    var resume = false

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard (scenario == nil) != (resolvedScenario == nil) else {
            throw ValidationError("give either --scenario FILE.yaml or --resolved-scenario scenario.json")
        }
        if resume && options.out == nil { throw ValidationError("--resume continues the run in the --out folder: give --out RUN_DIR") }
        if resolvedScenario != nil && !options.overrides.isEmpty {
            throw ValidationError("--set changes a scenario file; a resolved scenario has its changes applied already")
        }
    }

    func run() throws {
        resetSignals()
        let (loaded, path, overrides) = try source()
        let folder = options.folder(for: loaded)
        let parent = ParentWatch(if: exitWithParent)
        // A signal ends the run between two waits: the log is closed on a whole line with
        // a `run_failed` event, within the channel's half-second poll.
        let trap = SignalTrap()
        let stop: () -> String? = {
            if let sig = trap.caughtSignal { return "stopped by signal \(sig)" }
            if let why = parent?.stopReason { return why }
            return nil
        }
        do {
            let credentials = try security.credentials(for: nil, endpoints: [endpoint])
            let channel = try ClusterChannel(ids: loaded.ids, bind: endpoint, joinSeconds: loaded.timeouts.joinSeconds,
                                             phaseSeconds: loaded.timeouts.phaseSeconds, credentials: credentials)
            channel.stopRequested = stop
            var settings = RunSettings(scenario: loaded, scenarioPath: path, seed: options.seed, rounds: options.rounds,
                                       runID: URL(fileURLWithPath: folder).lastPathComponent, engine: .cluster(transport),
                                       overrides: overrides)
            settings.logLevel = options.log
            let point = try resume ? ResumePoint.read(folder: folder) : nil
            let coordinator = try Coordinator(settings, outDirectory: folder, resume: point)
            channel.onProblem = { coordinator.transportProblem($0) }
            if let endpointFile {
                try (channel.endpoint + "\n").write(toFile: endpointFile, atomically: true, encoding: .utf8)
            }
            coordinator.progress = verbosity.quiet ? nil : progressPrinter()
            coordinator.stopRequested = stop
            let outcome = try coordinator.run(over: channel)
            clearProgress()
            print("run folder: \(folder)")
            print(outcome.text)
        } catch {
            clearProgress()
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// The scenario to run, the file it came from and the overrides applied to it.
    func source() throws -> (Scenario, String, [String]) {
        if let resolvedScenario {
            let r: ResolvedScenario
            do { r = try ResolvedScenario.read(path: resolvedScenario) } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            return (options.applyTimeouts(r.scenario), r.file, r.overrides)
        }
        return (try options.scenario(scenario!), scenario!, options.overrides)
    }
}
