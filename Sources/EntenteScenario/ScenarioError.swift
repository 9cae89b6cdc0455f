import EntenteModel

/// One thing wrong with a scenario, with where it is.
public struct ScenarioProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The field's path, e.g. `states[2].power`.
    public var field: String
    public var state: StateID?
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var text = "\(place): \(field)"
        if let state { text += " (state \(state))" }
        return text + ": " + message
    }
}

/// A scenario that cannot be run, with every problem found in it.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var problems: [ScenarioProblem]

    public var description: String {
        let header = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "invalid scenario (\(header)):\n" + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
