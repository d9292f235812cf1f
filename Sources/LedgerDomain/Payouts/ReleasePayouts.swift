/// Releases a seller's held payouts: the next settlement pays what it is owed, held amounts included.
public struct ReleasePayouts: Sendable, Hashable {
    public static let typeName = "ReleasePayouts"
    public static let reasonBytesMax = 500

    public var merchantId: String
    public var reason: String

    public init(merchantId: String, reason: String) {
        self.merchantId = merchantId
        self.reason = reason
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        merchantId = try reader.id("merchantId")
        reason = try reader.freeText("reason", bytesMax: ReleasePayouts.reasonBytesMax)
    }

    func addMembers(to builder: inout JSONObjectBuilder) {
        builder.add("merchantId", merchantId)
        builder.add("reason", reason)
    }
}
