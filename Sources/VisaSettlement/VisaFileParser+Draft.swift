extension VisaFileParser {
    /// Draft TCR 0 (VISA-FILE.md, TC 05 / 06 / 15 / 25 / 35).
    mutating func decodeDraftTCR0(_ f: inout VisaFieldReader, code: VisaDraftCode) -> VisaDraft? {
        let qualifier = f.digit(3, "qualifier")
        let tokenField = f.bytes(5, 20)
        if !Self.isTokenField(tokenField) {
            f.fail(5, 20, "accountNumber", "digits, left-justified, space padded")
        }
        let accountNumberExtension = f.text(21, 23, "accountNumberExtension")
        if !VisaARN.isValid(f.bytes(27, 49)) {
            f.fail(27, 49, "arn", "23 digits whose last is the Luhn check digit of the first 22")
        }
        let acquirerBusinessId = f.digits(50, 57, "acquirerBusinessId")
        let purchaseDate = f.dateMMDD(58, "purchaseDate")
        let destinationRaw = f.number(62, 73, "destinationAmount")
        let destinationCurrency = f.currency(74, 76, "destinationCurrency")
        let sourceRaw = f.number(77, 88, "sourceAmount")
        let sourceCurrency = f.currency(89, 91, "sourceCurrency")
        let destinationAmount = f.fieldAmount(62, 73, "destinationAmount", raw: destinationRaw,
                                              currency: destinationCurrency)
        let sourceAmount = f.fieldAmount(77, 88, "sourceAmount", raw: sourceRaw, currency: sourceCurrency)
        let merchantName = f.text(92, 116, "merchantName")
        let merchantCity = f.text(117, 129, "merchantCity")
        let merchantCountry = decodeCountry(&f)
        let mcc = f.digits(133, 136, "merchantCategoryCode")
        let usageCode = f.digit(147, "usageCode")
        let reasonCode = f.optionalDigits(148, 149, "reasonCode")
        let authorizationCode = decodeAuthorizationCode(&f)
        let posEntryMode = f.digits(162, 163, "posEntryMode")
        let centralProcessingDate = f.dateJulian(164, yearDigits: 1, "centralProcessingDate")
        if let destinationRaw, let sourceRaw {
            batch.addHash(destination: destinationRaw, source: sourceRaw)
            file.addHash(destination: destinationRaw, source: sourceRaw)
        }
        guard f.ok, let destinationCurrency, let sourceCurrency else { return nil }
        sumDestination(&f, 62, 73, amount: destinationAmount, currency: destinationCurrency,
                       negated: VisaSettlementArithmetic.isNegative(code), slot: VisaDestinationTotals.slot(code))
        guard f.ok else { return nil }
        return VisaDraft(
            record: f.record, code: code, qualifier: qualifier, token: VisaToken(fieldBytes: tokenField),
            accountNumberExtension: accountNumberExtension,
            arn: String(decoding: f.bytes(27, 49), as: UTF8.self), acquirerBusinessId: acquirerBusinessId,
            purchaseDate: purchaseDate, destinationAmount: destinationAmount,
            destinationCurrency: destinationCurrency, sourceAmount: sourceAmount, sourceCurrency: sourceCurrency,
            merchantName: merchantName, merchantCity: merchantCity, merchantCountry: merchantCountry,
            merchantCategoryCode: mcc, usageCode: usageCode, reasonCode: reasonCode,
            authorizationCode: authorizationCode, posEntryMode: posEntryMode,
            centralProcessingDate: centralProcessingDate)
    }

    /// Draft TCR 1: merchant identification.
    mutating func attachDraftTCR1(_ f: inout VisaFieldReader) {
        let tcr1 = VisaDraftTCR1(
            record: f.record,
            feeProgramIndicator: f.text(76, 78, "feeProgramIndicator"),
            cardAcceptorId: f.text(81, 95, "cardAcceptorId"),
            terminalId: f.text(96, 103, "terminalId"),
            ecommerceIndicator: f.text(116, 116, "ecommerceIndicator"))
        if f.ok { group.draft?.tcr1 = tcr1 } else { group.draft = nil }
    }

    /// Draft TCR 5: transaction id, authorization, interchange fee (6 implied decimals).
    mutating func attachDraftTCR5(_ f: inout VisaFieldReader) {
        let transactionId = f.digits(5, 19, "visaTransactionId")
        let authorizedRaw = f.number(20, 31, "authorizedAmount")
        let authorizationCurrency = f.currency(32, 34, "authorizationCurrency")
        let authorizedAmount = f.fieldAmount(20, 31, "authorizedAmount", raw: authorizedRaw,
                                             currency: authorizationCurrency)
        let fee = f.number(92, 106, "interchangeFee") ?? 0
        let sign = VisaFeeSign(rawValue: f.byte(107))
        if sign == nil { f.fail(107, 107, "interchangeFeeSign", "\"D\" or \"C\"") }
        guard f.ok, let authorizationCurrency, let sign else { group.draft = nil; return }
        guard let currency = group.draft?.destinationCurrency.numeric else { return }
        sumFee(&f, micros: fee, sign: sign, currency: currency)
        guard f.ok else { group.draft = nil; return }
        group.draft?.tcr5 = VisaDraftTCR5(
            record: f.record, visaTransactionId: transactionId, authorizedAmount: authorizedAmount,
            authorizationCurrency: authorizationCurrency, interchangeFeeMicros: fee, interchangeFeeSign: sign)
    }

    /// Digits then spaces, at least one digit.
    static func isTokenField(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var seenSpace = false
        for byte in field {
            if byte == 0x20 { seenSpace = true; continue }
            guard !seenSpace, byte &- 0x30 < 10 else { return false }
            digits += 1
        }
        return digits > 0
    }

    /// Alpha-2, left-justified: "HK ".
    func decodeCountry(_ f: inout VisaFieldReader) -> String {
        let a = f.byte(130), b = f.byte(131), c = f.byte(132)
        guard a &- 0x41 < 26, b &- 0x41 < 26, c == 0x20 else {
            f.fail(130, 132, "merchantCountry", "an ISO 3166 alpha-2 code, left-justified (\"HK \")")
            return ""
        }
        return String(decoding: f.bytes(130, 131), as: UTF8.self)
    }

    /// Letters and digits, left-justified, space padded (may be blank for credits).
    func decodeAuthorizationCode(_ f: inout VisaFieldReader) -> String {
        let field = f.bytes(152, 157)
        var seenSpace = false
        for byte in field {
            if byte == 0x20 { seenSpace = true; continue }
            let alnum = byte &- 0x30 < 10 || byte &- 0x41 < 26
            if seenSpace || !alnum {
                f.fail(152, 157, "authorizationCode", "letters and digits, left-justified")
                return ""
            }
        }
        return f.text(152, 157, "authorizationCode")
    }
}
