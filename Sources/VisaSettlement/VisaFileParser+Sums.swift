/// The file's sums over its fields (VISA-FILE.md, settlement arithmetic; the inspection totals),
/// overflow-checked as each record is decoded. A sum that leaves the 64-bit range is an error of
/// the field whose value made it overflow (that record is not kept, and the file is rejected);
/// reading goes on, and that sum is not reported again. A record is added once its own fields are
/// valid, so for a file the reader accepts these are exactly the sums `VisaNetCheck` and the
/// inspection summary compute again from its transactions, in the same order.
extension VisaFileParser {
    /// A draft's or TC 10 / 20's destination amount into I net and its TC's total (positions
    /// `from`-`to` of the TCR 0 in `f`).
    mutating func sumDestination(_ f: inout VisaFieldReader, _ from: Int, _ to: Int, amount: Int64,
                                 currency: VisaCurrency, negated: Bool, slot: Int) {
        if arithmetic.addInterchange(amount, negated: negated, currency: currency.numeric) {
            f.fail(from, to, "destinationAmount",
                   Self.message(VisaSumOverflow(.interchangeNet, currency: currency), adding: "amount"))
        }
        if destinationTotals.add(amount, numeric: currency.numeric, slot: slot) {
            f.fail(from, to, "destinationAmount",
                   Self.message(destinationTotals.overflow(currency: currency, slot: slot), adding: "amount"))
        }
    }

    /// A TCR 5's interchange fee into the fee sum of its draft's destination currency.
    mutating func sumFee(_ f: inout VisaFieldReader, micros: Int64, sign: VisaFeeSign, currency numeric: Int) {
        guard arithmetic.addFee(micros, sign: sign, currency: numeric) else { return }
        guard let currency = VisaCurrency.find(numeric: numeric) else { return }  // decoded from it: always found
        f.fail(92, 106, "interchangeFee", Self.message(VisaSumOverflow(.interchangeFees, currency: currency),
                                                         adding: "fee"))
    }

    /// A VSS-110 line's signed net into the reported nets of its currency and amount type.
    mutating func sumReportedNet(_ f: inout VisaFieldReader, _ line: VisaVSS110Line) {
        guard let overflow = reportedNets.add(line) else { return }
        f.fail(141, 155, "net", Self.message(overflow, adding: "net"))
    }

    /// At the end of a file: T net = I net + F net + C net per settlement currency, exactly in
    /// range; an overflow is located at `record` (the TC 92), whole record. Sums that overflowed
    /// already were reported where they did.
    mutating func checkTotalNets(record: Int) {
        let currencies = Set(arithmetic.currencies).union(reportedNets.currencies).sorted { $0.code < $1.code }
        for currency in currencies {
            guard let i = arithmetic.interchangeNet(currency), let f = arithmetic.feesNet(currency),
                  let c = reportedNets.net(currency, .visaCharges) else { continue }
            do throws(VisaSumOverflow) {
                _ = try arithmetic.net(currency, charges: c)
            } catch {
                log.add(record: record, positions: "1-\(VisaLimits.recordBytes)", field: "totalNet",
                        message: "\(error.sumName) within a 64-bit total: I net \(i) + F net \(f) + C net \(c) "
                            + "does not fit")
            }
        }
    }

    /// "the sum of … within a 64-bit total; adding this fee overflows it" (read after "expected").
    static func message(_ overflow: VisaSumOverflow, adding what: String) -> String {
        "\(overflow.sumName) within a 64-bit total; adding this \(what) overflows it"
    }
}
