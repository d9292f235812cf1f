import Money

/// One invoice line: `quantity` × `unitPrice` in the invoice currency.
public struct InvoiceLine: Sendable, Hashable {
    public static let descriptionBytesMax = 500
    public static let quantityMax: Int64 = 1_000_000_000_000

    public var description: String
    public var quantity: Int64
    public var unitPrice: Amount

    public init(description: String, quantity: Int64, unitPrice: Amount) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
