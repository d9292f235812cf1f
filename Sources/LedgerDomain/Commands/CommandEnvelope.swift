import Crypto
import Money

/// A decoded command with its idempotency key, optional business time and request hash.
///
/// `requestHash` is SHA-256 of the canonical JSON of the whole command object (type, commandId,
/// at when given, and the command's fields) built from the *decoded* values: keys sorted, amounts
/// with the currency's full exponent ("12.5" and "12.50" are the same request), currency-less
/// amounts with trailing zeros dropped, times in UTC. For BindCard the token is replaced by its
/// `tokenRef` (HMAC with the token key), so the hash, which is stored, never covers the raw token.
public struct CommandEnvelope: Sendable, Hashable {
    public let commandId: String
    public let at: Timestamp?
    public let command: Command
    public let requestHash: [UInt8]

    /// Builds an envelope and its request hash. `tokenKey` is needed for BindCard only.
    public init(commandId: String, at: Timestamp? = nil, command: Command, tokenKey: [UInt8]? = nil) {
        precondition(Identifier.isValidCommandId(commandId), "invalid commandId")
        self.commandId = commandId
        self.at = at
        self.command = command
        self.requestHash = Array(SHA256.hash(data: CommandEnvelope.canonicalJSON(commandId: commandId, at: at, command: command,
                                                                                 tokenKey: tokenKey)))
    }

    /// The canonical JSON that `requestHash` covers (token replaced by tokenRef).
    public func canonicalJSON(tokenKey: [UInt8]? = nil) -> [UInt8] {
        CommandEnvelope.canonicalJSON(commandId: commandId, at: at, command: command, tokenKey: tokenKey)
    }

    static func canonicalJSON(commandId: String, at: Timestamp?, command: Command, tokenKey: [UInt8]?) -> [UInt8] {
        var builder = JSONObjectBuilder()
        builder.add("type", command.typeName)
        builder.add("commandId", commandId)
        if let at { builder.add("at", at) }
        var tokenRef: String? = nil
        if case .bindCard(let bind) = command {
            guard let tokenKey else { preconditionFailure("BindCard needs the token key for its request hash") }
            tokenRef = TokenRef.make(token: bind.token, key: tokenKey)
        }
        command.addMembers(to: &builder, tokenRef: tokenRef)
        return builder.canonicalJSON()
    }

    /// The command as a JSON object for an NDJSON file (the generator's and tests' writer): the
    /// BindCard token appears in clear, as the ledger's input expects it. Keys sorted.
    public func commandJSON() -> [UInt8] {
        var builder = JSONObjectBuilder()
        builder.add("type", command.typeName)
        builder.add("commandId", commandId)
        if let at { builder.add("at", at) }
        if case .bindCard(let bind) = command {
            builder.add("bindingId", bind.bindingId)
            builder.add("partyId", bind.partyId)
            builder.add("token", bind.token)
            builder.add("panLast4", bind.panLast4)
            builder.add("expiry", bind.expiry.text)
            builder.add("tokenRequestorId", bind.tokenRequestorId)
        } else {
            command.addMembers(to: &builder, tokenRef: nil)
        }
        return builder.canonicalJSON()
    }
}
