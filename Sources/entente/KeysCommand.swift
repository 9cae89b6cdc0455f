import ArgumentParser
import EntenteModel
import EntenteRuntime
import EntenteScenario

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make a run's CURVE keys, for runs started by hand or by a cluster engine.",
        discussion: """
            Writes into a new folder (mode 0700) one key pair for the coordinator (coordinator.key) \
            and one per state (state-ID.key), each mode 0600, and public-keys.json, the list of every \
            public key. Give each process the public list and its own secret file, in one folder, with \
            --keys DIR. `entente run` makes its own keys; this is for `entente coordinator` and \
            `entente state` started by hand, Slurm or Kubernetes. See docs/SECURITY.md.
            """
    )

    @Argument(help: "The scenario whose states get keys.")
    var scenario: String

    @Option(help: "The folder to create (it must not hold keys already).")
    var out: String

    func run() throws {
        let ids = try loadScenario(scenario, overrides: []).ids
        do {
            try RunKeys.generate(ids: ids, folder: out)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        print("wrote \(ids.count + 1) key pairs and \(RunKeys.publicFile) to \(out)")
    }
}

/// `--keys` and `--insecure`, shared by the processes of a run.
struct SecurityOptions: ParsableArguments {
    @Option(help: "Folder of the run's CURVE keys (made by `entente keys`): public-keys.json and this process's secret file.")
    var keys: String?

    @Flag(help: "Speak in the clear over tcp, for debugging on loopback only (ipc sockets need no keys).")
    var insecure = false

    func validate() throws {
        if keys != nil && insecure { throw ValidationError("--keys and --insecure exclude each other") }
    }

    /// The process's credentials (nil in the clear), once `endpoints` are known safe to use with them.
    /// - Parameter id: the state's id, nil for the coordinator.
    func credentials(for id: StateID?, endpoints: [String]) throws -> RunCredentials? {
        let credentials = try keys.map { try RunKeys.credentials(folder: $0, for: id) }
        try EndpointSafety.check(endpoints, curve: credentials != nil, insecure: insecure)
        return credentials
    }
}
