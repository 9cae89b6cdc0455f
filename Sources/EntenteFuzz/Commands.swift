#if !FUZZING
import ArgumentParser
import Foundation

extension FuzzTarget: ExpressibleByArgument {}

struct SeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seeds", abstract: "Write real messages of a reference run as seed corpora (OUT/control, OUT/peer).")

    @Argument(help: "A scenario to run.") var scenario: String
    @Option(help: "The folder to write into.") var out: String
    @Option(help: "Rounds to record.") var rounds = 3

    func run() throws {
        let (control, peer) = try Seeds.messages(scenario: scenario, rounds: rounds)
        try Seeds.write(control, to: out + "/control")
        try Seeds.write(peer, to: out + "/peer")
        print("wrote \(control.count) control and \(peer.count) peer messages to \(out)")
    }
}

struct MutateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mutate", abstract: "Feed a decoder random and mutated inputs in this process; a crash is a finding.")

    @Argument(help: "The decoder: control, peer or scenario.") var target: FuzzTarget
    @Option(help: "A scenario whose reference run gives the seeds (for control and peer).") var scenario: String
    @Option(help: "Inputs to try.") var count = 100_000
    @Option(help: "Seed of the mutations.") var seed: UInt64 = 1

    func run() throws {
        let (control, peer) = try Seeds.messages(scenario: scenario, rounds: 3)
        let seeds = switch target {
        case .control: control
        case .peer: peer
        case .scenario: [Array(try String(contentsOfFile: scenario, encoding: .utf8).utf8)]
        }
        var mutator = Mutator(seeds: seeds, seed: seed)
        var decoded = 0
        for _ in 0..<count where target.check(mutator.next()) { decoded += 1 }
        print("\(target): \(count) inputs, \(decoded) decoded, \(count - decoded) refused, 0 crashed")
    }
}

struct BlastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "blast", abstract: "Throw random and mutated messages at a live coordinator and a live state (a run in the clear).")

    @Option(help: "A scenario whose reference run gives the seeds.") var scenario: String
    @Option(help: "The coordinator's endpoint.") var coordinator: String?
    @Option(help: "A state's peer endpoint (its `process` event in events.jsonl).") var peer: String?
    @Option(help: "Messages to send, in all.") var count = 1_000_000
    @Option(help: "Seed of the mutations.") var seed: UInt64 = 1

    func run() throws {
        let (control, peer) = try Seeds.messages(scenario: scenario, rounds: 3)
        var blaster = Blaster(control: Mutator(seeds: control, seed: seed), letters: Mutator(seeds: peer, seed: seed &+ 1))
        let sent = try blaster.run(coordinator: coordinator, peer: self.peer, count: count) {
            FileHandle.standardError.write(Data("  \($0) sent\n".utf8))
        }
        print("sent \(sent.control) to the coordinator and \(sent.peer) to the state")
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Run a decoder on input files (a crash the fuzzer saved, to debug it).")

    @Argument(help: "The decoder: control, peer or scenario.") var target: FuzzTarget
    @Argument(help: "Input files.") var files: [String]

    func run() throws {
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            print("\(file): \(target.check(bytes) ? "decoded" : "refused")")
        }
    }
}
#endif
