extension VisaFileParser {
    /// TC 10 / 20, TCR 0.
    mutating func decodeFeeCollection(_ f: inout VisaFieldReader, code: VisaFeeCollection.Code) -> VisaFeeCollection? {
        let qualifier = f.digit(3, "qualifier")
        let destinationBIN = f.digits(5, 10, "destinationBIN")
        let sourceBIN = f.digits(11, 16, "sourceBIN")
        let reasonCode = f.digits(17, 20, "reasonCode")
        let eventDate = f.dateMMDD(24, "eventDate")
        let destinationRaw = f.number(47, 58, "destinationAmount")
        let destinationCurrency = f.currency(59, 61, "destinationCurrency")
        let sourceRaw = f.number(62, 73, "sourceAmount")
        let sourceCurrency = f.currency(74, 76, "sourceCurrency")
        let destinationAmount = f.fieldAmount(47, 58, "destinationAmount", raw: destinationRaw,
                                              currency: destinationCurrency)
        let sourceAmount = f.fieldAmount(62, 73, "sourceAmount", raw: sourceRaw, currency: sourceCurrency)
        let messageText = f.text(77, 146, "messageText")
        let transactionId = f.text(148, 162, "transactionId")
        let centralProcessingDate = f.dateJulian(164, yearDigits: 1, "centralProcessingDate")
        if let destinationRaw, let sourceRaw {
            batch.addHash(destination: destinationRaw, source: sourceRaw)
            file.addHash(destination: destinationRaw, source: sourceRaw)
        }
        guard f.ok, let destinationCurrency, let sourceCurrency else { return nil }
        sumDestination(&f, 47, 58, amount: destinationAmount, currency: destinationCurrency,
                       negated: VisaSettlementArithmetic.isNegative(code), slot: VisaDestinationTotals.slot(code))
        guard f.ok else { return nil }
        return VisaFeeCollection(
            record: f.record, code: code, qualifier: qualifier, destinationBIN: destinationBIN,
            sourceBIN: sourceBIN, reasonCode: reasonCode, eventDate: eventDate,
            destinationAmount: destinationAmount, destinationCurrency: destinationCurrency,
            sourceAmount: sourceAmount, sourceCurrency: sourceCurrency, messageText: messageText,
            transactionId: transactionId, centralProcessingDate: centralProcessingDate)
    }
}
