import VisaSettlement

/// Minimal JSON text for the report (fixed key order; strings escaped).
enum ReconJSON {
    static func string(_ s: String) -> String { VisaJSON.string(s) }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
