import CLibPQ

extension PGConnection {
    /// Runs `COPY … FROM STDIN`, letting `body` write the data. If `body` throws, the COPY is
    /// ended with an error (the server discards the rows) and the error is rethrown.
    /// Returns the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PGCopyWriter) throws -> Void) throws -> Int64 {
        let start = try PGResult.checked(PQexec(handle, sql), connection: self, query: sql)
        guard start.status == PGRES_COPY_IN else {
            throw PGError(code: .copy, message: "statement did not start COPY FROM STDIN", query: sql)
        }
        let writer = PGCopyWriter(connection: self)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "aborted by client: \(error)")
            while let r = PQgetResult(handle) { PQclear(r) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw PGError(code: .copy, message: "COPY end could not be sent: \(lastErrorMessage)", query: sql)
        }
        return try finishCopy(sql)
    }

    /// Runs `COPY … TO STDOUT`, handing each data row (text) or chunk (binary) to `body`.
    /// Returns the number of rows copied.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let start = try PGResult.checked(PQexec(handle, sql), connection: self, query: sql)
        guard start.status == PGRES_COPY_OUT else {
            throw PGError(code: .copy, message: "statement did not start COPY TO STDOUT", query: sql)
        }
        var bodyError: (any Error)?
        while true {
            var p: UnsafeMutablePointer<CChar>? = nil
            let n = PQgetCopyData(handle, &p, 0)
            if n == -1 { break }
            if n == -2 { throw PGError(code: .copy, message: "COPY out failed: \(lastErrorMessage)", query: sql) }
            defer { PQfreemem(p) }
            if bodyError == nil {
                do { try body(UnsafeRawBufferPointer(start: p, count: Int(n))) } catch { bodyError = error }
            }
        }
        let rows = try finishCopy(sql)
        if let bodyError { throw bodyError }
        return rows
    }

    private func finishCopy(_ sql: String) throws(PGError) -> Int64 {
        var rows: Int64 = 0
        var failure: PGError?
        while let raw = PQgetResult(handle) {
            let r = PGResult(owning: raw)
            if r.status == PGRES_COMMAND_OK { rows = r.affectedRows } else if failure == nil {
                failure = r.error(query: sql, connection: self)
            }
        }
        if let failure { throw failure }
        return rows
    }
}
