/// One row of the ISO 4217 table, parsed once from `currencyTableText`.
struct CurrencyInfo: Sendable {
    /// The three letters packed big-endian into the low 24 bits, so packed order is code order.
    let packedCode: UInt32
    let code: String
    let numeric: UInt16
    let exponent: UInt8
    /// 10^exponent, for scaling minor units.
    let minorPerMajor: Int64
}
