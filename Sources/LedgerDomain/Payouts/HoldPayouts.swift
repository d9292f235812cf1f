/// Holds a seller's payouts: settlement skips it (reason `on_hold`) until `ReleasePayouts`.
public struct HoldPayouts: Sendable, Hashable {
    public static let typeName = "HoldPayouts"
    public static let reasonBytesMax = 500

    public var merchantId: String
    public var reason: String

    public init(merchantId: String, reason: String) {
        self.merchantId = merchantId
        self.reason = reason
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        merchantId = try reader.id("merchantId")
        reason = try reader.freeText("reason", bytesMax: HoldPayouts.reasonBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("merchantId", merchantId)
        builder.add("reason", reason)
    }
}
