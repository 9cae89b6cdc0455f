import Foundation

#if FUZZING
/// libFuzzer's driver (in the runtime -sanitize=fuzzer links): SwiftPM names this module's
/// entry point `main`, so the driver is called from it rather than from libFuzzer's own main.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                             _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Built by scripts/fuzz.sh with -sanitize=fuzzer -DFUZZING: the decoder is chosen by
/// ENTENTE_FUZZ_TARGET (control, peer or scenario); the arguments are libFuzzer's.
@main
struct FuzzMain {
    static func main() {
        _ = FuzzTarget.current
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            FuzzTarget.current.check(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}

extension FuzzTarget {
    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["ENTENTE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set ENTENTE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()
}
#else
import ArgumentParser

/// Without libFuzzer: seeds for it, and the same decoders driven by random mutation, in
/// process or at a live run (scripts/fuzz.sh; the test suite runs short versions).
@main
struct EntenteFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entente-fuzz",
        abstract: "Fuzz Entente's decoders: seeds for libFuzzer, random mutation in process and at a live run.",
        subcommands: [SeedsCommand.self, MutateCommand.self, BlastCommand.self, ReplayCommand.self]
    )
}
#endif
