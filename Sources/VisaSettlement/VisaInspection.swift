/// The operator's view of one file: the document of `tradeledger visa inspect FILE --json` and a
/// human-readable summary. The token is never part of either.
public struct VisaInspection: Sendable {
    /// SHA-256 of the file's bytes, hex; computed by the caller (this module has no crypto).
    public var fileId: String
    public var result: Result<VisaFile, VisaFileRejection>

    public init(fileId: String, result: Result<VisaFile, VisaFileRejection>) {
        self.fileId = fileId
        self.result = result
    }

    /// Reads `bytes` and inspects them; `sha256Hex` is the hash of the same bytes.
    public init(bytes: [UInt8], sha256Hex: String) {
        self.init(fileId: sha256Hex, result: VisaFileReader.read(bytes))
    }

    public var file: VisaFile? {
        if case .success(let file) = result { return file }
        return nil
    }

    public var errors: [VisaFileError] {
        if case .failure(let rejection) = result { return rejection.errors }
        return []
    }

    var format: VisaFileFormat? {
        switch result {
        case .success(let file): return file.format
        case .failure(let rejection): return rejection.format
        }
    }

    var header: VisaHeader? {
        switch result {
        case .success(let file): return file.header
        case .failure(let rejection): return rejection.header
        }
    }

    /// `{"valid", "format", "processingDate", "fileId", "transactions", "vss110", "skipped", "errors"}`.
    /// A rejected file lists no transactions: nothing of it is usable.
    public var json: String {
        let file = self.file
        return VisaJSON.object([
            ("valid", file == nil ? "false" : "true"),
            ("format", VisaJSON.optionalString(format?.name)),
            ("processingDate", VisaJSON.optionalString(header.map { "\($0.processingDate)" })),
            ("fileId", VisaJSON.string(fileId)),
            ("transactions", VisaJSON.array((file?.transactions ?? []).map(Self.json))),
            ("vss110", VisaJSON.array((file?.vss110 ?? []).map(Self.json))),
            ("skipped", VisaJSON.object((file?.skipped ?? [:]).sorted { $0.key < $1.key }
                .map { ($0.key, String($0.value)) })),
            ("errors", VisaJSON.array(errors.map(Self.json))),
        ])
    }

    static func json(_ transaction: VisaTransaction) -> String {
        switch transaction {
        case .draft(let d): return json(d)
        case .feeCollection(let f): return json(f)
        }
    }

    static func json(_ d: VisaDraft) -> String {
        VisaJSON.object([
            ("record", String(d.record)),
            ("tc", VisaJSON.string(d.code.tc)),
            ("arn", VisaJSON.string(d.arn)),
            ("purchaseDate", VisaJSON.string("\(d.purchaseDate)")),
            ("sourceAmount", VisaJSON.string(VisaAmount.decimal(d.sourceAmount, d.sourceCurrency))),
            ("sourceCurrency", VisaJSON.string(d.sourceCurrency.code)),
            ("destinationAmount", VisaJSON.string(VisaAmount.decimal(d.destinationAmount, d.destinationCurrency))),
            ("destinationCurrency", VisaJSON.string(d.destinationCurrency.code)),
            ("authCode", VisaJSON.string(d.authorizationCode)),
            ("visaTransactionId", VisaJSON.optionalString(d.tcr5?.visaTransactionId)),
            ("interchangeFee", VisaJSON.optionalString(d.tcr5.map {
                VisaAmount.decimal($0.interchangeFeeMicros, exponent: VisaAmount.feeDecimals) })),
            ("interchangeFeeSign", VisaJSON.optionalString(d.tcr5?.interchangeFeeSign.letter)),
            ("reasonCode", VisaJSON.string(d.reasonCode)),
            ("merchantName", VisaJSON.string(d.merchantName)),
            ("merchantCountry", VisaJSON.string(d.merchantCountry)),
        ])
    }

    /// TC 10 / 20 carry their own fields (no ARN, token or merchant).
    static func json(_ f: VisaFeeCollection) -> String {
        VisaJSON.object([
            ("record", String(f.record)),
            ("tc", VisaJSON.string(f.code.tc)),
            ("eventDate", VisaJSON.string("\(f.eventDate)")),
            ("sourceAmount", VisaJSON.string(VisaAmount.decimal(f.sourceAmount, f.sourceCurrency))),
            ("sourceCurrency", VisaJSON.string(f.sourceCurrency.code)),
            ("destinationAmount", VisaJSON.string(VisaAmount.decimal(f.destinationAmount, f.destinationCurrency))),
            ("destinationCurrency", VisaJSON.string(f.destinationCurrency.code)),
            ("reasonCode", VisaJSON.string(f.reasonCode)),
            ("transactionId", VisaJSON.string(f.transactionId)),
            ("messageText", VisaJSON.string(f.messageText)),
        ])
    }

    static func json(_ v: VisaVSS110Line) -> String {
        VisaJSON.object([
            ("amountType", VisaJSON.string(v.amountType.letter)),
            ("currency", VisaJSON.string(v.currency.code)),
            ("count", String(v.count)),
            ("credit", VisaJSON.string(VisaAmount.decimal(v.credit, v.currency))),
            ("debit", VisaJSON.string(VisaAmount.decimal(v.debit, v.currency))),
            ("net", VisaJSON.string(VisaAmount.decimal(v.signedNet, v.currency))),
            ("settlementDate", VisaJSON.string("\(v.settlementDate)")),
        ])
    }

    static func json(_ e: VisaFileError) -> String {
        VisaJSON.object([
            ("record", String(e.record)),
            ("positions", VisaJSON.string(e.positions)),
            ("field", VisaJSON.string(e.field)),
            ("message", VisaJSON.string(e.message)),
        ])
    }
}
