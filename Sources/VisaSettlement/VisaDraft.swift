/// A TC 05 / 06 / 15 / 25 / 35 draft: TCR 0 with its optional TCR 1 and TCR 5.
///
/// Amounts are `Int64` minor units of their currency (converted from the file's two implied
/// decimals). The token is kept for reconciliation but `description` never includes it.
public struct VisaDraft: Hashable, Sendable, CustomStringConvertible {
    /// Record number of the TCR 0.
    public var record: Int
    public var code: VisaDraftCode
    /// Position 3, a digit.
    public var qualifier: Int
    /// Positions 5-20: the network token. Never printed.
    public var token: VisaToken
    /// Positions 21-23, trailing spaces removed.
    public var accountNumberExtension: String
    /// Positions 27-49, 23 digits with a valid Luhn check digit.
    public var arn: String
    /// Positions 50-57.
    public var acquirerBusinessId: String
    /// Positions 58-61 (MMDD), year inferred from the processing date.
    public var purchaseDate: VisaDate
    /// Positions 62-73, minor units of `destinationCurrency` (the settlement currency).
    public var destinationAmount: Int64
    /// Positions 74-76.
    public var destinationCurrency: VisaCurrency
    /// Positions 77-88, minor units of `sourceCurrency` (the transaction currency).
    public var sourceAmount: Int64
    /// Positions 89-91.
    public var sourceCurrency: VisaCurrency
    /// Positions 92-116, trailing spaces removed.
    public var merchantName: String
    /// Positions 117-129, trailing spaces removed.
    public var merchantCity: String
    /// Positions 130-132, alpha-2 ("HK").
    public var merchantCountry: String
    /// Positions 133-136.
    public var merchantCategoryCode: String
    /// Position 147 ("1" original presentment).
    public var usageCode: Int
    /// Positions 148-149, "" when blank.
    public var reasonCode: String
    /// Positions 152-157, trailing spaces removed.
    public var authorizationCode: String
    /// Positions 162-163.
    public var posEntryMode: String
    /// Positions 164-167 (YDDD).
    public var centralProcessingDate: VisaDate
    public var tcr1: VisaDraftTCR1?
    public var tcr5: VisaDraftTCR5?

    public init(record: Int, code: VisaDraftCode, qualifier: Int = 0, token: VisaToken,
                accountNumberExtension: String = "", arn: String, acquirerBusinessId: String,
                purchaseDate: VisaDate, destinationAmount: Int64, destinationCurrency: VisaCurrency,
                sourceAmount: Int64, sourceCurrency: VisaCurrency, merchantName: String,
                merchantCity: String, merchantCountry: String, merchantCategoryCode: String,
                usageCode: Int = 1, reasonCode: String = "", authorizationCode: String,
                posEntryMode: String, centralProcessingDate: VisaDate,
                tcr1: VisaDraftTCR1? = nil, tcr5: VisaDraftTCR5? = nil) {
        self.record = record
        self.code = code
        self.qualifier = qualifier
        self.token = token
        self.accountNumberExtension = accountNumberExtension
        self.arn = arn
        self.acquirerBusinessId = acquirerBusinessId
        self.purchaseDate = purchaseDate
        self.destinationAmount = destinationAmount
        self.destinationCurrency = destinationCurrency
        self.sourceAmount = sourceAmount
        self.sourceCurrency = sourceCurrency
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.merchantCountry = merchantCountry
        self.merchantCategoryCode = merchantCategoryCode
        self.usageCode = usageCode
        self.reasonCode = reasonCode
        self.authorizationCode = authorizationCode
        self.posEntryMode = posEntryMode
        self.centralProcessingDate = centralProcessingDate
        self.tcr1 = tcr1
        self.tcr5 = tcr5
    }

    /// Everything but the token.
    public var description: String {
        "VisaDraft(record: \(record), tc: \(code.tc), arn: \(arn), purchaseDate: \(purchaseDate), "
            + "source: \(VisaAmount.decimal(sourceAmount, sourceCurrency)) \(sourceCurrency), "
            + "destination: \(VisaAmount.decimal(destinationAmount, destinationCurrency)) \(destinationCurrency), "
            + "merchant: \(merchantName), \(merchantCity), \(merchantCountry), "
            + "authCode: \(authorizationCode), reasonCode: \(reasonCode))"
    }
}
