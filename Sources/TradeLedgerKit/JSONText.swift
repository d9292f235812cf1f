import VisaSettlement

/// Small, deterministic JSON output for the CLI's fixed shapes (keys in the documented order).
public enum JSONText {
    public enum Value {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case null
        case object([(String, Value)])
        case array([Value])
    }

    public static func encode(_ v: Value) -> String {
        var out = ""
        write(v, into: &out)
        return out
    }

    static func write(_ v: Value, into out: inout String) {
        switch v {
        case .string(let s): out += quote(s)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .object(let fields):
            out += "{"
            for (i, (k, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                out += quote(k) + ":"
                write(value, into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        }
    }

    /// A JSON string literal: the one escaper, `VisaJSON.string`.
    public static func quote(_ s: String) -> String { VisaJSON.string(s) }
}
