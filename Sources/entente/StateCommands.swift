import ArgumentParser
import EntenteModel

/// `--state-command ID=WORDS` of `entente run` and `entente sweep`: a state run by another
/// program (docs/PROTOCOL.md §1), as the `--set` override it is short for.
enum StateCommands {
    /// The id that names every state of the scenario.
    static let everyState = "*"

    /// The overrides, each word a JSON string so that a flow list YAML reads back word for word.
    /// - Parameter ids: the scenario's states, asked for only when an id is `*`.
    static func overrides(_ texts: [String], ids: () throws -> [StateID]) throws -> [String] {
        var out: [String] = []
        for text in texts {
            guard let eq = text.firstIndex(of: "="), case let id = String(text[..<eq]), id == everyState || isValidStateID(id) else {
                throw ValidationError("--state-command takes ID=command, e.g. GMY='python3 -m mypolicy' (or *=... for every state), not '\(text)'")
            }
            let words = text[text.index(after: eq)...].split(separator: " ").map(String.init)
            guard !words.isEmpty else { throw ValidationError("--state-command \(id)= names no program") }
            let quoted = words.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            for state in id == everyState ? try ids() : [id] {
                out.append("states.\(state).command=[\(quoted.joined(separator: ", "))]")
            }
        }
        return out
    }
}
