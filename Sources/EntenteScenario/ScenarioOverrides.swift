import EntenteModel
import Yams

/// One `path=value` change to a scenario, as given on the command line (`--set`, `--vary`).
///
/// The path walks the YAML: mapping keys separated by dots, and `states.<ID>` picks the
/// state with that id (`states.GMY.aggressiveness=0.9`). The value is read as YAML, so
/// `0.2` is a number, `neighbors` a string and `[A, B]` a list. Overrides are applied to
/// the document before it is validated: an override gets the same checks as the file.
public struct ScenarioOverride: Equatable, Sendable, CustomStringConvertible {
    public var path: [String]
    public var value: String

    /// Parses `path=value`.
    /// - Throws: `ScenarioError` when there is no `=` or the path is empty.
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ScenarioError(problems: [ScenarioProblem(file: "(command line)", line: nil, field: text, state: nil,
                                                           message: "expected path=value, e.g. observation.noise=0.2")])
        }
        path = text[..<eq].split(separator: ".").map(String.init)
        value = String(text[text.index(after: eq)...])
    }

    public init(path: [String], value: String) {
        self.path = path
        self.value = value
    }

    public var key: String { path.joined(separator: ".") }
    public var description: String { "\(key)=\(value)" }
}

extension Node {
    /// This document with `override` applied; mappings on the way are created as needed.
    func applying(_ override: ScenarioOverride) throws -> Node {
        let valueNode = ((try? Yams.compose(yaml: override.value)) ?? nil)?.unmarked ?? Node(override.value)
        return try setting(override.path[...], to: valueNode, full: override.key)
    }

    /// The same node without source positions: an override has no line in the file.
    var unmarked: Node {
        switch self {
        case .scalar(let s): Node(s.string, s.tag)
        case .mapping(let m): Node(m.map { ($0.key.unmarked, $0.value.unmarked) })
        case .sequence(let q): Node(q.map(\.unmarked))
        case .alias: self
        }
    }

    private func setting(_ path: ArraySlice<String>, to value: Node, full: String) throws -> Node {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        switch self {
        case .mapping(var map):
            let child = map[head] ?? Node([(Node, Node)]())
            map[Node(head)] = try child.setting(rest, to: value, full: full)
            return .mapping(map)
        case .sequence(var seq):
            // states.<ID>: the element whose `id` is ID.
            guard let k = seq.firstIndex(where: { $0["id"]?.string == head }) else {
                throw ScenarioError(problems: [ScenarioProblem(file: "(command line)", line: nil, field: full, state: head,
                                                               message: "no element with id '\(head)' to override")])
            }
            seq[k] = try seq[k].setting(rest, to: value, full: full)
            return .sequence(seq)
        case .scalar, .alias:
            return try Node([(Node, Node)]()).setting(path, to: value, full: full)
        }
    }
}
