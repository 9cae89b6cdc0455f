import ArgumentParser
import EntenteModel
import EntenteScenario
import EntenteRuntime
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario to the end and print its summary.",
        discussion: """
            The cluster engine starts the coordinator and one OS process per state on this machine \
            (`entente coordinator ...`, `entente state --id X ...`). The reference engine runs the same \
            policy and world code in this one process: same outcome, same digest, much faster.

            The run folder gets events.jsonl, summary.json, alliances.csv, states.csv, scenario.json \
            and scenario.yaml (with --log full also threats.csv; see docs/LOGS.md). The last line \
            printed is `digest: <64 hex chars>`. Exit status: 0 done, 1 failed, 64 usage, 130 interrupted.
            """
    )

    @Argument(help: "The scenario file (YAML; see docs/SCENARIOS.md).")
    var scenario: String?

    @Option(help: ArgumentHelp("Continue the run in RUN_DIR, whose processes were killed, from its last completed round "
                               + "(its scenario, seed and rounds are the run's own).", valueName: "RUN_DIR"))
    var resume: String?

    @Option(help: ArgumentHelp("Run again the run in RUN_DIR (the scenario, seed and rounds of its scenario.json) into a new "
                               + "--out folder, e.g. with --log full to see every observation; the digest must match.", valueName: "RUN_DIR"))
    var again: String?

    @OptionGroup var options: RunOptions

    @OptionGroup var engine: EngineOptions

    @Option(name: .customLong("state-command"),
            help: ArgumentHelp("Start this program for a state instead of `entente state` (repeatable): ID=WORDS, split at spaces, "
                               + "e.g. GMY='python3 -m mypolicy', or *=WORDS for every state; it gets the arguments of `entente state` "
                               + "after its own (docs/PROTOCOL.md §1). Short for --set 'states.ID.command=[...]'.", valueName: "ID=command"))
    var stateCommands: [String] = []

    @Flag(help: "Serve the run's live page (as `entente serve` does) while it runs, and after it until Ctrl-C.")
    var serve = false

    @OptionGroup var server: ServeOptions

    @Flag(help: "Stop when the parent process exits (used by `entente sweep`).")
    var exitWithParent = false

    @Flag(help: "With --transport tcp: speak in the clear instead of CURVE, for debugging.")
    var insecure = false

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard [scenario, resume, again].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give a scenario file to start a run, --resume RUN_DIR to continue one, or --again RUN_DIR to repeat one")
        }
        if again != nil && (options.seed != nil || options.rounds != nil || !options.overrides.isEmpty || !stateCommands.isEmpty) {
            throw ValidationError("--again repeats a run as it was: --seed, --rounds, --set and --state-command do not apply")
        }
        if resume != nil && !stateCommands.isEmpty {
            throw ValidationError("--resume continues a run as it was started: --state-command does not apply")
        }
        if let again, options.out == nil || options.out == again {
            throw ValidationError("--again writes a new run folder: give --out DIR (not \(again))")
        }
        if resume != nil && (options.seed != nil || options.rounds != nil || !options.overrides.isEmpty || options.out != nil) {
            throw ValidationError("--resume continues a run as it was started: --seed, --rounds, --set and --out do not apply")
        }
    }

    /// What to run: the scenario file with the command line's changes, or the run to resume.
    func source() throws -> (scenario: Scenario, file: String, overrides: [String], folder: String, resume: ResumePoint?) {
        if let again {
            do {
                let r = try ResolvedScenario.read(path: again + "/" + ResolvedScenario.fileName)
                // The repeat keeps the scenario file the run was given, even if it was edited since.
                try FileManager.default.createDirectory(atPath: options.out!, withIntermediateDirectories: true)
                let copy = "/" + ScenarioCopy.fileName
                if FileManager.default.fileExists(atPath: again + copy) && !FileManager.default.fileExists(atPath: options.out! + copy) {
                    try FileManager.default.copyItem(atPath: again + copy, toPath: options.out! + copy)
                }
                return (options.applyTimeouts(r.scenario), r.file, r.overrides, options.out!, nil)
            } catch {
                printError("error: cannot repeat \(again): \(error)")
                throw ExitCode.failure
            }
        }
        guard let resume else {
            let extra = try StateCommands.overrides(stateCommands) { try options.scenario(scenario!, extra: []).ids }
            let loaded = try options.scenario(scenario!, extra: extra)
            return (loaded, scenario!, options.overrides + extra, options.folder(for: loaded), nil)
        }
        do {
            let r = try ResolvedScenario.read(path: resume + "/" + ResolvedScenario.fileName)
            return (options.applyTimeouts(r.scenario), r.file, r.overrides, resume, try ResumePoint.read(folder: resume))
        } catch {
            printError("error: cannot resume \(resume): \(error)")
            throw ExitCode.failure
        }
    }

    func run() throws {
        let (loaded, file, overrides, folder, point) = try source()
        if let point { printError("resuming \(folder): replaying \(point.rounds) completed round(s), then going on") }
        var settings = RunSettings(scenario: loaded, scenarioPath: file, seed: options.seed, rounds: options.rounds,
                                   runID: URL(fileURLWithPath: folder).lastPathComponent, engine: engine.value, overrides: overrides)
        settings.logLevel = options.log
        let trap = serve ? SignalTrap() : nil
        if serve {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            printError("watch the run at \(try server.start(folder: folder))")
        }
        defer {
            if let trap, trap.caughtSignal == nil {
                fflush(nil)   // the summary reaches a pipe now, not at Ctrl-C
                printError("the run is over; its page is still served (Ctrl-C to stop)")
                server.wait(for: trap)
            }
        }
        switch engine.value {
        case .reference:
            for s in settings.scenario.states where s.command != nil {
                printError("note: the reference engine runs every state in this process; states.\(s.id).command is not used")
            }
            let outcome = try ReferenceEngine.run(settings, outDirectory: folder, resume: point,
                                                  progress: verbosity.quiet ? nil : progressPrinter(),
                                                  parent: ParentWatch(if: exitWithParent))
            clearProgress()
            print("run folder: \(folder)")
            print(outcome.text)
        case .cluster(let transport):
            var launch = ClusterLauncher.Options(resolved: ResolvedScenario(settings), outDirectory: folder, transport: transport,
                                                 executable: selfExecutable())
            launch.exitWithParent = exitWithParent
            launch.insecure = insecure
            launch.resume = point != nil
            launch.logLevel = options.log
            launch.verbosity = verbosity.value
            launch.replayFrom = again
            let launcher = ClusterLauncher(launch)
            let status = try launcher.run()
            if status != 0 { throw ExitCode(status) }
        }
        if let again { try compareDigests(original: again, repeated: folder) }
    }

    /// `--again`: the repeat must be the same run, which the digests say.
    func compareDigests(original: String, repeated: String) throws {
        func digest(_ folder: String) -> String? {
            (FileManager.default.contents(atPath: folder + "/summary.json")).flatMap { try? JSONDecoder().decode(RunSummary.self, from: $0) }
                .flatMap { $0.complete ? $0.digest : nil }
        }
        guard let before = digest(original) else {
            printError("note: \(original) has no finished run to compare with")
            return
        }
        guard before == digest(repeated) else {
            printError("error: the repeat's digest differs from \(original)'s (\(before.prefix(16))…): the build, or a fault in the "
                       + "original run (an absent state), changed the outcome")
            throw ExitCode.failure
        }
        printError("same digest as \(original): the same run")
    }
}

