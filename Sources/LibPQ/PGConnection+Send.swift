import CLibPQ

extension PGConnection {
    /// Sends one parameterized statement without waiting for it (libpq's `PQsendQueryParams`),
    /// so the caller can work while the server runs it; `awaitResult(of:)` then collects the
    /// result. Nothing else may be sent on the connection until it has been collected.
    public func send(_ sql: String, _ parameters: [PGValue] = []) throws(PGError) {
        let sent = ParameterBuffers(parameters, format: .binary).withPointers { n, types, values, lengths, formats in
            PQsendQueryParams(handle, sql, n, types, values, lengths, formats, PGFormat.binary.rawValue)
        }
        guard sent == 1 else { throw PGError(code: .connection, message: "could not send: \(lastErrorMessage)", query: sql) }
    }

    /// Waits for the result of the statement `send` sent (`sql` names it in errors) and reads
    /// the connection back to idle.
    @discardableResult
    public func awaitResult(of sql: String) throws(PGError) -> PGResult {
        let first = PQgetResult(handle)
        while let extra = PQgetResult(handle) { PQclear(extra) }
        return try PGResult.checked(first, connection: self, query: sql)
    }
}
