import ArgumentParser
import EntenteLive
import EntenteRuntime
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a run in the browser, as it goes or afterwards.",
        discussion: """
            Serves one page that follows RUN_DIR/events.jsonl as the coordinator writes it: the \
            alliance network, each state's perceived and true main threat, the decisions in words, \
            power over time and the counters, round by round; a finished run is replayed with a \
            round slider. The folder may be written by a run on another host (Slurm, Kubernetes) \
            and shared here. A sweep folder (with sweep.json) lists its runs as they finish, each \
            linking to its page. The server only reads, only files under the folder, and listens \
            on 127.0.0.1 unless --host says otherwise. Ctrl-C stops it. See docs/EXPERIMENTS.md.
            """
    )

    @Argument(help: ArgumentHelp("A run folder, or a sweep folder.", valueName: "FOLDER"))
    var folder: String

    @OptionGroup var server: ServeOptions

    func run() throws {
        let trap = SignalTrap()
        let url = try server.start(folder: folder)
        print("watch at \(url)  (\(folder); Ctrl-C to stop)")
        fflush(nil)   // a script reading the address through a pipe gets it now
        server.wait(for: trap)
    }
}

/// Where the live page listens: `entente serve` and `entente run --serve`.
struct ServeOptions: ParsableArguments {
    /// A fixed port, so a page left open finds the server again after a restart.
    static let defaultPort = 8914

    @Option(help: "The live page's port; 0 for any free one.")
    var port: Int = defaultPort

    @Option(help: ArgumentHelp("The live page's address: 127.0.0.1 (this machine only); 0.0.0.0 to let other machines "
                               + "see the page (the server has no password: on a shared machine, use an ssh tunnel instead).",
                               valueName: "address"))
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
    }

    /// Starts the server in the background; returns the page's address once it listens.
    func start(folder: String) throws -> String {
        let server: LiveServer
        do { server = try LiveServer(root: folder, host: host, port: port) } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let started = Started()
        Task.detached {
            do { try await server.run { started.set(.success($0)) } } catch { started.set(.failure(error)) }
        }
        switch started.wait() {
        case .success(let url): return url
        case .failure(let error):
            printError("error: cannot serve \(folder): \(error)")
            throw ExitCode.failure
        }
    }

    /// Until Ctrl-C or SIGTERM: a reading server has nothing to close cleanly.
    func wait(for trap: SignalTrap) {
        while trap.caughtSignal == nil { usleep(100_000) }
    }

    /// The first outcome of starting: the address, or why it failed.
    final class Started: @unchecked Sendable {
        private let condition = NSCondition()
        private var result: Result<String, any Error>?

        func set(_ value: Result<String, any Error>) {
            condition.withLock {
                if result == nil { result = value }
                condition.broadcast()
            }
        }

        func wait() -> Result<String, any Error> {
            condition.withLock {
                while result == nil { condition.wait() }
                return result!
            }
        }
    }
}
