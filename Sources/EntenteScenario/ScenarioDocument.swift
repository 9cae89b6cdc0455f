import EntenteModel
import Foundation
import Yams

/// What a scenario file says: its YAML with the command line's overrides applied, with
/// the source positions kept so every problem names its line. `resolve()` validates it
/// and computes the scenario every engine runs, each state's effective settings included.
public struct ScenarioDocument {
    /// Labels the problems (a path, or "<scenario>").
    public let file: String
    public let overrides: [ScenarioOverride]
    let root: Node

    /// Reads a scenario file.
    /// - Throws: `ScenarioError` when it cannot be read or is not YAML, or an override does not apply.
    public init(path: String, overrides: [ScenarioOverride] = []) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(problems: [
                ScenarioProblem(file: path, line: nil, field: "(file)", state: nil,
                                message: "cannot read the file: \(error.localizedDescription)"),
            ])
        }
        try self.init(yaml: text, file: path, overrides: overrides)
    }

    /// Parses scenario YAML; `file` only labels the problems.
    public init(yaml: String, file: String = "<scenario>", overrides: [ScenarioOverride] = []) throws {
        self.file = file
        self.overrides = overrides
        func fail(_ line: Int?, _ field: String, _ message: String) -> ScenarioError {
            ScenarioError(problems: [ScenarioProblem(file: file, line: line, field: field, state: nil, message: message)])
        }
        do {
            guard var node = try Yams.compose(yaml: yaml) else {
                throw fail(nil, "(document)", "the file is empty; a scenario needs at least `name` and `states`")
            }
            for override in overrides { node = try node.applying(override) }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw fail(Self.line(of: error), "(yaml)", "not valid YAML: \(error)")
        } catch {
            throw fail(nil, "(yaml)", "not valid YAML: \(error)")
        }
    }

    /// The scenario to run.
    /// - Throws: `ScenarioError` listing every problem with its file, line, field and state.
    public func resolve() throws -> Scenario {
        var parser = ScenarioParser(file: file, overrides: overrides)
        let scenario = parser.parse(root)
        parser.attributeOverrides()
        if let scenario, parser.problems.isEmpty { return scenario }
        throw ScenarioError(problems: parser.problems)
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

extension Scenario {
    /// Reads, validates and resolves a scenario file, with command-line overrides applied first.
    /// - Throws: `ScenarioError` listing every problem with its file, line, field and state.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws -> Scenario {
        try ScenarioDocument(path: path, overrides: overrides).resolve()
    }

    /// Parses, validates and resolves scenario YAML; `file` only labels the problems.
    public static func parse(yaml: String, file: String = "<scenario>", overrides: [ScenarioOverride] = []) throws -> Scenario {
        try ScenarioDocument(yaml: yaml, file: file, overrides: overrides).resolve()
    }
}
