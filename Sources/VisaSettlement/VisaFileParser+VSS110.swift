extension VisaFileParser {
    /// TC 46, report group V subgroup 2 "110". Amounts are minor units of the settlement currency.
    mutating func decodeVSS110(_ f: inout VisaFieldReader) -> VisaVSS110Line? {
        let entity = f.text(37, 46, "settlementEntityId")
        let currency = f.currency(50, 52, "settlementCurrency")
        let settlementDate = f.dateCCYYDDD(66, "settlementDate")
        let amountType = VisaVSS110Line.AmountType(rawValue: f.byte(94))
        if amountType == nil { f.fail(94, 94, "amountType", "\"I\", \"F\", \"C\" or \"T\"") }
        let count = f.number(96, 110, "count") ?? 0
        let credit = f.number(111, 125, "credit") ?? 0
        let debit = f.number(126, 140, "debit") ?? 0
        let net = f.number(141, 155, "net") ?? 0
        let netSign: VisaVSS110Line.NetSign?
        if f.matches(156, "CR") { netSign = .credit } else if f.matches(156, "DB") { netSign = .debit } else {
            netSign = nil
            f.fail(156, 157, "netSign", "\"CR\" or \"DB\"")
        }
        let fundsTransferDate = f.dateCCYYDDD(158, "fundsTransferDate")
        guard f.ok, let currency, let amountType, let netSign else { return nil }
        let line = VisaVSS110Line(
            record: f.record, settlementEntityId: entity, currency: currency, settlementDate: settlementDate,
            amountType: amountType, count: count, credit: credit, debit: debit, net: net, netSign: netSign,
            fundsTransferDate: fundsTransferDate)
        sumReportedNet(&f, line)
        return f.ok ? line : nil
    }
}
