/// The valid card captures and refunds one generator run emitted, with the keys a Visa
/// settlement file presents them by, and each buyer's network token (the account-number field of
/// a draft). Kept only when a settlement file is asked for: about 150 bytes per card item.
struct GeneratedCards: Sendable {
    struct Item: Sendable {
        enum Kind: Sendable { case capture, refund }
        var kind: Kind
        /// The payment's number k (PAY-k); for a refund, the captured payment's.
        var payment: Int
        /// The payment id (capture) or refund id (refund).
        var itemId: String
        var arn: String
        /// Captures only ("" for a refund).
        var visaTransactionId: String
        var authCode: String
        /// Index into `tokens` (captures; -1 for a refund).
        var buyer: Int
        /// Index into `ScenarioTables.currencies`.
        var currency: Int
        /// Minor units.
        var amount: Int64
    }

    /// The subsidy programme's budget (HKD minor units).
    var budgetMinor: Int64
    var items: [Item] = []
    /// Token digits per buyer index.
    var tokens: [String] = []

    init(budgetMinor: Int64) { self.budgetMinor = budgetMinor }
}
