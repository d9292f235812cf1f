/// A decoded transaction of the file, in file order.
public enum VisaTransaction: Hashable, Sendable {
    case draft(VisaDraft)
    case feeCollection(VisaFeeCollection)

    /// Record number of the transaction's TCR 0.
    public var record: Int {
        switch self {
        case .draft(let d): return d.record
        case .feeCollection(let f): return f.record
        }
    }

    /// The TC as written: "05", "20".
    public var tc: String {
        switch self {
        case .draft(let d): return d.code.tc
        case .feeCollection(let f): return f.code.tc
        }
    }
}
