extension VisaFileWriter {
    var reference: VisaDate { header.processingDate }

    mutating func encodeHeader(_ header: VisaHeader) {
        precondition(header.processingDate.year >= 2000 && header.processingDate.year <= 2099,
                     "the header's YYDDD reads as 20YY")
        encoder.reset()
        encoder.put(1, 2, text: "90")
        encoder.put(3, 8, text: header.processingBIN)
        encoder.putJulian(9, header.processingDate, yearDigits: 2, reference: header.processingDate)
        encoder.put(30, 33, text: header.isTest ? "TEST" : "")
        encoder.put(77, 79, text: header.fileId)
        emit()
    }

    mutating func encodeDraft(_ d: VisaDraft) {
        precondition(VisaARN.isValid(Array(d.arn.utf8)), "the ARN \(d.arn) is invalid")
        encoder.reset()
        encoder.put(1, 2, text: d.code.tc)
        encoder.put(3, 3, number: d.qualifier)
        encoder.put(4, byte: 0x30)
        encoder.put(5, 20, bytes: d.token.fieldBytes)
        encoder.put(21, 23, text: d.accountNumberExtension)
        encoder.put(27, 49, text: d.arn)
        encoder.put(50, 57, text: d.acquirerBusinessId)
        encoder.putMMDD(58, d.purchaseDate, reference: reference)
        encoder.putAmount(62, 73, minor: d.destinationAmount, currency: d.destinationCurrency)
        encoder.put(74, 76, number: d.destinationCurrency.numeric)
        encoder.putAmount(77, 88, minor: d.sourceAmount, currency: d.sourceCurrency)
        encoder.put(89, 91, number: d.sourceCurrency.numeric)
        encoder.put(92, 116, text: d.merchantName)
        encoder.put(117, 129, text: d.merchantCity)
        precondition(d.merchantCountry.utf8.count == 2, "the merchant country is alpha-2")
        encoder.put(130, 132, text: d.merchantCountry)
        encoder.put(133, 136, text: d.merchantCategoryCode)
        encoder.put(147, 147, number: d.usageCode)
        encoder.put(148, 149, text: d.reasonCode)
        encoder.put(152, 157, text: d.authorizationCode)
        encoder.put(162, 163, text: d.posEntryMode)
        encoder.putJulian(164, d.centralProcessingDate, yearDigits: 1, reference: reference)
        addHash(destination: VisaAmount.fieldValue(minorUnits: d.destinationAmount, exponent: d.destinationCurrency.exponent),
                source: VisaAmount.fieldValue(minorUnits: d.sourceAmount, exponent: d.sourceCurrency.exponent))
        emit()
        if let tcr1 = d.tcr1 { encodeDraftTCR1(tcr1, code: d.code, qualifier: d.qualifier) }
        if let tcr5 = d.tcr5 { encodeDraftTCR5(tcr5, code: d.code, qualifier: d.qualifier) }
    }

    mutating func encodeDraftTCR1(_ t: VisaDraftTCR1, code: VisaDraftCode, qualifier: Int) {
        encoder.reset()
        encoder.put(1, 2, text: code.tc)
        encoder.put(3, 3, number: qualifier)
        encoder.put(4, byte: 0x31)
        encoder.put(76, 78, text: t.feeProgramIndicator)
        encoder.put(81, 95, text: t.cardAcceptorId)
        encoder.put(96, 103, text: t.terminalId)
        encoder.put(116, 116, text: t.ecommerceIndicator)
        emit()
    }

    mutating func encodeDraftTCR5(_ t: VisaDraftTCR5, code: VisaDraftCode, qualifier: Int) {
        encoder.reset()
        encoder.put(1, 2, text: code.tc)
        encoder.put(3, 3, number: qualifier)
        encoder.put(4, byte: 0x35)
        precondition(t.visaTransactionId.utf8.count == 15, "the Visa transaction id is 15 digits")
        encoder.put(5, 19, text: t.visaTransactionId)
        encoder.putAmount(20, 31, minor: t.authorizedAmount, currency: t.authorizationCurrency)
        encoder.put(32, 34, number: t.authorizationCurrency.numeric)
        encoder.put(92, 106, number: t.interchangeFeeMicros)
        encoder.put(107, byte: t.interchangeFeeSign.rawValue)
        emit()
    }

    mutating func encodeFeeCollection(_ f: VisaFeeCollection) {
        encoder.reset()
        encoder.put(1, 2, text: f.code.tc)
        encoder.put(3, 3, number: f.qualifier)
        encoder.put(4, byte: 0x30)
        encoder.put(5, 10, text: f.destinationBIN)
        encoder.put(11, 16, text: f.sourceBIN)
        encoder.put(17, 20, text: f.reasonCode)
        encoder.putMMDD(24, f.eventDate, reference: reference)
        encoder.putAmount(47, 58, minor: f.destinationAmount, currency: f.destinationCurrency)
        encoder.put(59, 61, number: f.destinationCurrency.numeric)
        encoder.putAmount(62, 73, minor: f.sourceAmount, currency: f.sourceCurrency)
        encoder.put(74, 76, number: f.sourceCurrency.numeric)
        encoder.put(77, 146, text: f.messageText)
        encoder.put(148, 162, text: f.transactionId)
        encoder.putJulian(164, f.centralProcessingDate, yearDigits: 1, reference: reference)
        addHash(destination: VisaAmount.fieldValue(minorUnits: f.destinationAmount, exponent: f.destinationCurrency.exponent),
                source: VisaAmount.fieldValue(minorUnits: f.sourceAmount, exponent: f.sourceCurrency.exponent))
        emit()
    }

    mutating func encodeVSS110(_ v: VisaVSS110Line) {
        encoder.reset()
        encoder.put(1, 2, text: "46")
        encoder.put(3, 3, number: 0)
        encoder.put(4, byte: 0x30)
        encoder.put(37, 46, text: v.settlementEntityId)
        encoder.put(50, 52, number: v.currency.numeric)
        encoder.put(59, 63, text: "V2110")
        encoder.putCCYYDDD(66, v.settlementDate)
        encoder.put(94, byte: v.amountType.rawValue)
        encoder.put(96, 110, number: v.count)
        encoder.put(111, 125, number: v.credit)
        encoder.put(126, 140, number: v.debit)
        encoder.put(141, 155, number: v.net)
        encoder.put(156, 157, text: v.netSign.text)
        encoder.putCCYYDDD(158, v.fundsTransferDate)
        emit()
    }

    mutating func encodeTrailer(_ code: VisaTrailer.Code, totals t: VisaTrailerTotals, batchNumber: Int64,
                                centerBatchId: String) {
        let record = recordCount + 1
        let tcrCount = t.records + 1
        encoder.reset()
        encoder.put(1, 2, text: code.tc)
        encoder.put(3, 3, number: 0)
        encoder.put(4, byte: 0x30)
        encoder.put(5, 10, text: header.processingBIN)
        encoder.putJulian(11, header.processingDate, yearDigits: 2, reference: reference)
        encoder.put(16, 30, number: t.destinationHash)
        encoder.put(31, 42, number: t.monetaryTransactions)
        encoder.put(43, 48, number: batchNumber)
        encoder.put(49, 60, number: tcrCount)
        encoder.put(67, 74, text: centerBatchId)
        encoder.put(75, 83, number: t.transactions)
        encoder.put(102, 116, number: t.sourceHash)
        emit()
        if keepsModel || code == .file {
            file.trailers.append(VisaTrailer(
                record: record, code: code, bin: header.processingBIN, processingDate: header.processingDate,
                destinationHashTotal: t.destinationHash, monetaryTransactionCount: t.monetaryTransactions,
                batchNumber: batchNumber, tcrCount: tcrCount, centerBatchId: centerBatchId,
                transactionCount: t.transactions, sourceHashTotal: t.sourceHash))
        }
    }
}
