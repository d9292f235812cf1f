import Money

/// Turns one command's JSON (one NDJSON line) into a `CommandEnvelope`, or a `CommandRejection`
/// that names the field and says what is wrong.
///
/// Order of checks: JSON syntax (with column) → the root is an object → card-number guard over the
/// whole document (`PANGuard`: every key and every string and number value at every depth, before
/// any field is read, so no later message can echo a card number) → `type` → `commandId` → `at` →
/// the command's fields → unknown fields.
/// BindCard needs `tokenKey`, because its request hash covers the token's HMAC, never the token;
/// without a key a BindCard is rejected with `token_key_missing`.
public enum CommandDecoder {
    public static func decode(_ json: some Collection<UInt8>, tokenKey: [UInt8]? = nil) throws(CommandRejection) -> CommandEnvelope {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: Array(json))
        } catch {
            throw CommandRejection(code: CommandRejection.malformedJSON, message: "malformed JSON at column \(error.column): \(error.message)",
                                   column: error.column)
        }
        guard document.kind(JSONDocument.root) == .object else {
            throw CommandRejection(code: CommandRejection.malformedJSON,
                                   message: "a command must be a JSON object (got \(document.kind(JSONDocument.root).name))", column: 1)
        }
        if let rejection = PANGuard.check(document) { throw rejection }
        do {
            return try decodeObject(document, tokenKey: tokenKey)
        } catch {
            throw CommandRejection(code: error.code, field: error.field, message: error.message)
        }
    }

    private static func decodeObject(_ document: JSONDocument, tokenKey: [UInt8]?) throws(FieldProblem) -> CommandEnvelope {
        var envelopeReader = FieldReader(document, context: "command")
        let typeName = try envelopeReader.string("type")
        guard Command.typeNames.contains(typeName) else {
            throw FieldProblem(code: CommandRejection.unknownType, field: "type",
                               message: "unknown command type \(FieldProblem.echo(typeName)) (expected one of \(Command.typeNames.joined(separator: ", ")))")
        }
        var reader = FieldReader(document, context: typeName)
        reader.skip("type")
        let commandId = try reader.string("commandId")
        guard Identifier.isValidCommandId(commandId) else {
            throw reader.invalid("commandId", "must be 1–\(Identifier.commandIdBytesMax) printable ASCII characters")
        }
        let at = try reader.optionalTimestamp("at")
        guard let command = try Command.read(typeName: typeName, from: &reader) else {
            preconditionFailure("type list and reader disagree on \(typeName)")
        }
        try reader.finish()
        if case .bindCard = command, tokenKey == nil || tokenKey!.isEmpty {
            throw FieldProblem(code: CommandRejection.tokenKeyMissing, field: "token",
                               message: "BindCard needs the token key (TRADELEDGER_TOKEN_KEY) to protect the token")
        }
        return CommandEnvelope(commandId: commandId, at: at, command: command, tokenKey: tokenKey)
    }
}
