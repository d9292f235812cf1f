import CLibPQ

/// A query result. Owns its `PGresult` and clears it when released, on every path.
public final class PGResult {
    let raw: OpaquePointer

    init(owning raw: OpaquePointer) { self.raw = raw }
    deinit { PQclear(raw) }

    /// Wraps a result, turning a missing result or an error status into a `PGError`.
    static func checked(_ raw: OpaquePointer?, connection: PGConnection, query: String?) throws(PGError) -> PGResult {
        guard let raw else {
            throw PGError(code: connection.isOK ? .protocolUsage : .connection,
                          message: connection.lastErrorMessage.isEmpty ? "no result" : connection.lastErrorMessage, query: query)
        }
        let result = PGResult(owning: raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_SINGLE_TUPLE,
             PGRES_PIPELINE_SYNC, PGRES_EMPTY_QUERY:
            return result
        default:
            throw result.error(query: query, connection: connection)
        }
    }

    var status: ExecStatusType { PQresultStatus(raw) }

    func error(query: String?, connection: PGConnection?) -> PGError {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(raw, code) else { return nil }
            return String(cString: p)
        }
        let primary = field(CLIBPQ_PG_DIAG_MESSAGE_PRIMARY)
        let message = primary ?? PGConnection.trimmed(PQresultErrorMessage(raw))
        let sqlState = field(CLIBPQ_PG_DIAG_SQLSTATE)
        let lost = connection.map { !$0.isOK } ?? false
        return PGError(code: lost && sqlState == nil ? .connection : .server,
                       sqlState: sqlState,
                       message: message.isEmpty ? (connection?.lastErrorMessage ?? "unknown error") : message,
                       detail: field(CLIBPQ_PG_DIAG_MESSAGE_DETAIL),
                       hint: field(CLIBPQ_PG_DIAG_MESSAGE_HINT),
                       constraint: field(CLIBPQ_PG_DIAG_CONSTRAINT_NAME),
                       table: field(CLIBPQ_PG_DIAG_TABLE_NAME),
                       query: query)
    }

    public var rowCount: Int { Int(PQntuples(raw)) }
    public var columnCount: Int { Int(PQnfields(raw)) }
    /// Rows affected by INSERT/UPDATE/DELETE/COPY (PQcmdTuples), 0 when not applicable.
    public var affectedRows: Int64 { Int64(String(cString: PQcmdTuples(raw))) ?? 0 }

    public func columnName(_ column: Int) -> String { String(cString: PQfname(raw, Int32(column))) }
    public func columnType(_ column: Int) -> PGType { PGType(oid: UInt32(PQftype(raw, Int32(column)))) }
    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(raw, Int32(row), Int32(column)) == 1 }

    /// The raw bytes of one field (text or binary as requested), valid only inside `body`.
    public func withBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(row < rowCount && column < columnCount, "field (\(row), \(column)) out of range")
        let length = Int(PQgetlength(raw, Int32(row), Int32(column)))
        let p = PQgetvalue(raw, Int32(row), Int32(column))
        return try body(UnsafeRawBufferPointer(start: p, count: length))
    }

    /// Decodes one field as a `PGValue` by its column type and format.
    public func value(_ row: Int, _ column: Int) throws(PGError) -> PGValue {
        if isNull(row, column) { return .null }
        let type = columnType(column)
        let binary = PQfformat(raw, Int32(column)) == 1
        let length = Int(PQgetlength(raw, Int32(row), Int32(column)))
        let p = UnsafeRawBufferPointer(start: PQgetvalue(raw, Int32(row), Int32(column)), count: length)
        return binary ? try BinaryCodec.decode(p, type: type) : try TextCodec.decode(p, type: type)
    }

    // MARK: typed accessors (throw on NULL or a type mismatch, naming the column)

    private func mismatch(_ row: Int, _ column: Int, _ wanted: String) -> PGError {
        PGError(code: .decode, message: "row \(row) column \(columnName(column)): expected \(wanted), got \(columnType(column))\(isNull(row, column) ? " NULL" : "")")
    }

    public func int64(_ row: Int, _ column: Int) throws(PGError) -> Int64 {
        switch try value(row, column) {
        case .int8(let v): return v
        case .int4(let v): return Int64(v)
        case .int2(let v): return Int64(v)
        default: throw mismatch(row, column, "an integer")
        }
    }

    public func optionalInt64(_ row: Int, _ column: Int) throws(PGError) -> Int64? {
        isNull(row, column) ? nil : try int64(row, column)
    }

    public func string(_ row: Int, _ column: Int) throws(PGError) -> String {
        switch try value(row, column) {
        case .text(let s), .jsonb(let s): return s
        default: throw mismatch(row, column, "text")
        }
    }

    public func optionalString(_ row: Int, _ column: Int) throws(PGError) -> String? {
        isNull(row, column) ? nil : try string(row, column)
    }

    public func bytes(_ row: Int, _ column: Int) throws(PGError) -> [UInt8] {
        guard case .bytea(let b) = try value(row, column) else { throw mismatch(row, column, "bytea") }
        return b
    }

    public func optionalBytes(_ row: Int, _ column: Int) throws(PGError) -> [UInt8]? {
        isNull(row, column) ? nil : try bytes(row, column)
    }

    public func bool(_ row: Int, _ column: Int) throws(PGError) -> Bool {
        guard case .bool(let b) = try value(row, column) else { throw mismatch(row, column, "bool") }
        return b
    }

    public func timestamp(_ row: Int, _ column: Int) throws(PGError) -> PGTimestamp {
        guard case .timestamptz(let t) = try value(row, column) else { throw mismatch(row, column, "timestamptz") }
        return t
    }
}
