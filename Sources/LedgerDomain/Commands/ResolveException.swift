import Money

/// Closes an open reconciliation exception. `amount` is required for `adjust` and refused
/// otherwise; it is in the exception's currency (`currency` may be given and must match).
public struct ResolveException: Sendable, Hashable {
    public static let typeName = "ResolveException"
    public static let noteBytesMax = 1_000

    public var exceptionId: String
    public var resolution: ExceptionResolution
    public var note: String
    public var amount: DecimalAmount?
    public var currency: Currency?

    public init(exceptionId: String, resolution: ExceptionResolution, note: String, amount: DecimalAmount? = nil,
                currency: Currency? = nil) {
        self.exceptionId = exceptionId
        self.resolution = resolution
        self.note = note
        self.amount = amount
        self.currency = currency
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        exceptionId = try reader.id("exceptionId")
        resolution = try reader.enumeration("resolution", ExceptionResolution.self)
        guard resolution.isOperatorResolution else {
            throw reader.invalid("resolution", "must be accept, write-off or adjust (\(resolution.rawValue) is set by reconciliation)")
        }
        note = try reader.freeText("note", bytesMax: ResolveException.noteBytesMax)
        currency = try reader.optionalCurrency("currency")
        amount = try reader.optionalDecimal("amount", sign: .positive)
        if resolution == .adjust && amount == nil {
            throw FieldProblem(code: CommandRejection.missingField, field: "amount",
                               message: "ResolveException.amount is missing (an adjust needs one)")
        }
        if resolution != .adjust && amount != nil {
            throw reader.invalid("amount", "only an adjust takes an amount")
        }
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("exceptionId", exceptionId)
        builder.add("resolution", resolution.rawValue)
        builder.add("note", note)
        builder.add("amount", amount)
        builder.add("currency", currency)
    }
}
