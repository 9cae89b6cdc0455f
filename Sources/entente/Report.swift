import ArgumentParser
import EntenteExperiments
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write report.html for one run: a timeline of alliances and wars, and who balanced against whom."
    )

    @Argument(help: "A run folder (as written by `entente run --out DIR`).")
    var runFolder: String

    func run() throws {
        let html = try RunReport.html(folder: runFolder)
        let path = runFolder + "/report.html"
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        print("report: \(path)")
    }
}
