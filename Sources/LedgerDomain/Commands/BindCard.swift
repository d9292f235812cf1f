import Money

/// Binds a buyer's card as a network token. `token` holds the token digits only in memory: the
/// decision stores `tokenRef` = hex HMAC-SHA256(tokenKey, token), and neither events, messages,
/// the request hash nor `description`/`dump` ever show the token.
public struct BindCard: Sendable, Hashable {
    public static let typeName = "BindCard"
    public static let tokenDigits = 13...19
    public static let tokenRequestorIdBytesMax = 32

    public var bindingId: String
    public var partyId: String
    public var token: String
    public var panLast4: String
    public var expiry: CardExpiry
    public var tokenRequestorId: String?

    public init(bindingId: String, partyId: String, token: String, panLast4: String, expiry: CardExpiry,
                tokenRequestorId: String? = nil) {
        self.bindingId = bindingId
        self.partyId = partyId
        self.token = token
        self.panLast4 = panLast4
        self.expiry = expiry
        self.tokenRequestorId = tokenRequestorId
    }

    init(from reader: inout FieldReader) throws(FieldProblem) {
        bindingId = try reader.id("bindingId")
        partyId = try reader.id("partyId")
        token = try reader.string("token")
        guard Identifier.isDigits(token, count: BindCard.tokenDigits) else {
            throw reader.invalid("token", "must be the network token's 13–19 digits")
        }
        panLast4 = try reader.string("panLast4")
        guard Identifier.isDigits(panLast4, count: 4...4) else {
            throw reader.invalid("panLast4", value: panLast4, "must be exactly 4 digits")
        }
        let expiryText = try reader.string("expiry")
        guard let expiry = CardExpiry(text: expiryText) else {
            throw reader.invalid("expiry", value: expiryText, "must be MM/YY with a month 01–12")
        }
        self.expiry = expiry
        tokenRequestorId = try reader.optionalString("tokenRequestorId")
        if let requestor = tokenRequestorId {
            guard !requestor.isEmpty, requestor.utf8.count <= BindCard.tokenRequestorIdBytesMax,
                  requestor.utf8.allSatisfy({ Identifier.isIdByte($0) }) else {
                throw reader.invalid("tokenRequestorId", "must be 1–\(BindCard.tokenRequestorIdBytesMax) characters of A–Z a–z 0–9 . _ -")
            }
        }
    }

    /// The token is replaced by its `tokenRef`, so the request hash never covers the raw token.
    func addMembers(to builder: inout JSONObjectBuilder, tokenRef: String) {
        builder.add("bindingId", bindingId)
        builder.add("partyId", partyId)
        builder.add("tokenRef", tokenRef)
        builder.add("panLast4", panLast4)
        builder.add("expiry", expiry.text)
        builder.add("tokenRequestorId", tokenRequestorId)
    }
}

extension BindCard: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "BindCard(bindingId: \(bindingId), partyId: \(partyId), token: <redacted>, panLast4: \(panLast4), expiry: \(expiry.text))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["bindingId": bindingId, "partyId": partyId, "token": "<redacted>",
                                "panLast4": panLast4, "expiry": expiry.text, "tokenRequestorId": tokenRequestorId as Any])
    }
}
