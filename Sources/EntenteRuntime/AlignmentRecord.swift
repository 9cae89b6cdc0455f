import Foundation
import EntenteModel

extension AlignmentRecord {
    public static let csvHeader = "round,state,partner,offered_by,kind,aimed_at,side,perceived_threat,perceived_alignment,true_threat,true_alignment,misperceived,alliance_label,rule"

    public var csvRow: String {
        [String(round), state, partner, offeredBy, kind.rawValue, aimedAt ?? "", side.joined(separator: " "),
         perceivedThreat ?? "", perceived.rawValue, trueThreat ?? "", truth.rawValue, misperceived ? "true" : "false",
         allianceLabel?.description ?? "", rule].map(csvField).joined(separator: ",")
    }

    var json: [(String, JSON)] {
        [("state", .string(state)), ("partner", .string(partner)), ("offered_by", .string(offeredBy)),
         ("kind", .string(kind.rawValue)), ("aimed_at", .optional(aimedAt)), ("side", .ids(side)),
         ("perceived_threat", .optional(perceivedThreat)), ("perceived_alignment", .string(perceived.rawValue)),
         ("perceived_reason", .string(perceivedReason)),
         ("true_threat", .optional(trueThreat)), ("true_alignment", .string(truth.rawValue)), ("true_reason", .string(trueReason)),
         ("alliance_label", .string(allianceLabel?.description ?? "")), ("rule", .string(rule)), ("threats", .array(threats.map(\.json)))]
    }
}

/// RFC 4180 quoting: only when needed.
public func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension ThreatScore {
    var json: JSON {
        .object([("target", .string(target)), ("score", .number(score)), ("power", .number(components.power)),
                 ("proximity", .number(components.proximity)), ("offense", .number(components.offense)),
                 ("intent", .number(components.intent))])
    }
}

extension ReportedThreat {
    var json: JSON {
        .object([("target", .string(target)), ("score", .number(score)), ("power", .number(estimate.attributes.power)),
                 ("offense", .number(estimate.attributes.offense)), ("aggressiveness", .number(estimate.attributes.aggressiveness)),
                 ("confidence", .number(estimate.confidence))])
    }
}
