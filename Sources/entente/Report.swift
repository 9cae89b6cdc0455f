import ArgumentParser
import EntenteExperiments
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write report.html for one run: a timeline of alliances and wars, and who balanced against whom."
    )

    @Argument(help: "A run folder (as written by `entente run --out DIR`).")
    var runFolder: String

    @Option(help: ArgumentHelp("Rounds whose alliance network to draw, e.g. 1,4,12 (default: the first, the middle and the last).",
                               valueName: "r1,r2,..."))
    var networkRounds: String?

    func validate() throws {
        if let networkRounds, networkRounds.split(separator: ",").contains(where: { Int($0.trimmingCharacters(in: .whitespaces)) == nil }) {
            throw ValidationError("--network-rounds takes round numbers separated by commas, e.g. 1,4,12")
        }
    }

    func run() throws {
        let rounds = networkRounds.map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        let html = try RunReport.html(folder: runFolder, networkRounds: rounds)
        let path = runFolder + "/report.html"
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        print("report: \(path)")
    }
}
