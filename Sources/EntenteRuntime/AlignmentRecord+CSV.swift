import Foundation
import EntenteModel

extension AlignmentRecord {
    public static let csvHeader = "round,state,partner,offered_by,kind,aimed_at,side,perceived_threat,perceived_alignment,true_threat,true_alignment,misperceived,alliance_label,alliance_target,rule_code,rule"

    public var csvRow: String {
        let fields: [String] = [
            String(round), state, partner, offeredBy, kind.rawValue, aimedAt ?? "", side.joined(separator: " "),
            perceivedThreat ?? "", perceived.rawValue, trueThreat ?? "", truth.rawValue, misperceived ? "TRUE" : "FALSE",
            allianceLabel?.code ?? "", allianceLabel?.target ?? "", rule?.code.name ?? "", ruleText,
        ]
        return fields.map(csvField).joined(separator: ",")
    }
}

/// RFC 4180 quoting: only when needed.
public func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
