import EntenteModel
import Yams

// Parameter blocks, read through their descriptors (`ParameterBlock.parameters`), and the
// information-asymmetry blocks built on them.
extension ScenarioParser {
    /// Sets the described numbers present in `map` on `target`, each checked against its
    /// descriptor and reported with its line. - Returns: true when there was no problem.
    @discardableResult
    mutating func assign<T>(_ map: Node.Mapping, _ field: String, _ parameters: [Parameter<T>], into target: inout T,
                            state: StateID?) -> Bool {
        let before = problems.count
        for (key, value) in map {
            guard let name = key.string, let p = parameters.first(where: { $0.key == name }) else { continue }
            let path = field.isEmpty ? name : "\(field).\(name)"
            guard let v = value.float, v.isFinite else {
                problem(value, path, "must be \(p.rangeText), not '\(value.string ?? "?")'", state: state)
                continue
            }
            guard p.problem(with: v) == nil else {
                problem(value, path, "\(value.string ?? String(v)) is out of range: must be \(p.rangeText)", state: state)
                continue
            }
            p.set(v, in: &target)
        }
        return problems.count == before
    }

    /// A parameter block on top of `base`: every key known, every number in range.
    /// - Returns: the block, or nil when the node is missing or anything in it is wrong.
    mutating func numbers<B: ParameterBlock>(_ node: Node?, _ field: String, base: B, state: StateID? = nil,
                                             otherKeys: [String] = []) -> B? {
        guard let node else { return nil }
        guard let map = node.mapping else { problem(node, field, "must be a mapping", state: state); return nil }
        let before = problems.count
        checkKeys(map, allowed: (B.parameters.map(\.key) + otherKeys).sorted(), at: field, state: state)
        var out = base
        assign(map, field, B.parameters, into: &out, state: state)
        return problems.count == before ? out : nil
    }

    /// A block with numbers only; `base` when it is missing or wrong (the problems are recorded).
    mutating func block<B: ParameterBlock>(_ node: Node?, _ field: String, base: B, state: StateID? = nil) -> B {
        numbers(node, field, base: base, state: state) ?? base
    }

    /// An observation block on top of `base`: numbers in range, a known visibility, known
    /// states in `visible`. A `range` without a `visibility` means `visibility: hops`.
    mutating func observationBlock(_ node: Node?, _ field: String, base: ObservationParameters, ids: Set<StateID>,
                                   state: StateID?) -> ObservationParameters {
        guard let node else { return base }
        let read = numbers(node, field, base: base, state: state, otherKeys: ["visibility", "visible"])
        var o = read ?? base
        var ok = read != nil
        if let v = node["visibility"] {
            if let visibility = Visibility(rawValue: v.string ?? "") { o.visibility = visibility } else {
                problem(v, "\(field).visibility", "unknown visibility '\(v.string ?? "?")'; use one of \(Visibility.allCases.map(\.rawValue).joined(separator: ", "))", state: state)
                ok = false
            }
        } else if node[ObservationParameters.key(\.range)] != nil {
            o.visibility = .hops
        }
        if let list = node["visible"] {
            if let seq = list.sequence {
                let seen = seq.enumerated().map { knownState($0.element, "\(field).visible[\($0.offset)]", ids: ids) }
                ok = ok && seen.allSatisfy { $0 != nil }
                o.visible = seen.compactMap { $0 }
            } else {
                problem(list, "\(field).visible", "must be a list of state ids", state: state)
                ok = false
            }
        }
        return ok ? o : base
    }

    mutating func parseCommunication(_ node: Node?, ids: Set<StateID>) -> CommunicationParameters {
        guard let node, var c = numbers(node, "communication", base: CommunicationParameters(), otherKeys: ["topology", "edges"]) else {
            return CommunicationParameters()
        }
        if let t = node["topology"] {
            if let v = Topology(rawValue: t.string ?? "") { c.topology = v } else {
                problem(t, "communication.topology", "unknown topology '\(t.string ?? "?")'; use one of \(Topology.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let e = node["edges"] {
            c.edges = parseAlliances(e, ids: ids, field: "communication.edges")
        }
        if c.topology == .explicit && node["edges"] == nil {
            problem(node, "communication.edges", "missing: `topology: explicit` needs a list of pairs such as [FRN, RUS]")
        }
        return c
    }

    mutating func parseChannels(_ node: Node?, ids: Set<StateID>) -> ChannelParameters {
        var c = ChannelParameters()
        guard let node, let all = numbers(node, "channels", base: ChannelQuality(), otherKeys: ["pairs"]) else { return c }
        c.all = all
        guard let pairs = node["pairs"] else { return c }
        guard let seq = pairs.sequence else { problem(pairs, "channels.pairs", "must be a list of {a, b, loss, delay}"); return c }
        for (k, item) in seq.enumerated() {
            let field = "channels.pairs[\(k)]"
            guard item.mapping != nil else { problem(item, field, "must be a mapping {a: X, b: Y, loss: 0.5, delay: 1}"); continue }
            guard let quality = numbers(item, field, base: c.all, otherKeys: ["a", "b"]) else { continue }
            let a = knownState(item["a"], "\(field).a", ids: ids, parent: item)
            let b = knownState(item["b"], "\(field).b", ids: ids, parent: item)
            if let a, a == b { problem(item, field, "a channel needs two different states", state: a); continue }
            if let a, let b { c.pairs.append(ChannelPair(a, b, quality)) }
        }
        return c
    }

    mutating func parseDeception(_ node: Node?, ids: Set<StateID>) -> DeceptionParameters {
        guard let node, var d = numbers(node, "deception", base: DeceptionParameters(), otherKeys: ["states"]) else {
            return DeceptionParameters()
        }
        if let list = node["states"] {
            if let seq = list.sequence {
                d.states = seq.enumerated().compactMap { knownState($0.element, "deception.states[\($0.offset)]", ids: ids) }
            } else {
                problem(list, "deception.states", "must be a list of state ids")
            }
        }
        return d
    }
}
