/// Hand-written JSON, so key order is exactly as documented and output is deterministic.
public enum VisaJSON {
    /// A JSON string literal, escaped: the project's one JSON string escaper (Reconciliation's
    /// report and TradeLedgerKit's `JSONText` use it too). The canonical event bodies have their
    /// own, in `CanonicalJSONWriter`: it writes the hashed canonical form byte by byte.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func optionalString(_ value: String?) -> String {
        value.map(string) ?? "null"
    }

    /// `{"k": v, …}` from already-encoded values, in the order given.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func array(_ values: [String]) -> String {
        "[" + values.joined(separator: ", ") + "]"
    }
}
