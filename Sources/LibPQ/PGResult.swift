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

    /// The type and bytes of a non-NULL field in binary format; nil otherwise (NULL, text
    /// format, out of range), where the typed accessors take the generic path through `value`,
    /// with its errors. Reading a page of events field by field through `PGValue` cost about a
    /// third more instructions than this (callgrind, rebuild).
    @inline(__always)
    private func binaryField(_ row: Int, _ column: Int) -> (type: UInt32, bytes: UnsafeRawBufferPointer)? {
        let r = Int32(row), c = Int32(column)
        guard PQfformat(raw, c) == 1, PQgetisnull(raw, r, c) == 0 else { return nil }
        return (PQftype(raw, c), UnsafeRawBufferPointer(start: PQgetvalue(raw, r, c), count: Int(PQgetlength(raw, r, c))))
    }

    /// `binaryField` when the column is of `type`.
    @inline(__always)
    private func binaryField(_ row: Int, _ column: Int, _ type: PGType) -> UnsafeRawBufferPointer? {
        guard let field = binaryField(row, column), field.type == type.oid else { return nil }
        return field.bytes
    }

    public func int64(_ row: Int, _ column: Int) throws(PGError) -> Int64 {
        if let (type, p) = binaryField(row, column) {
            switch (type, p.count) {
            case (PGType.int8.oid, 8): return BinaryCodec.readInt(Int64.self, p, at: 0)
            case (PGType.int4.oid, 4): return Int64(BinaryCodec.readInt(Int32.self, p, at: 0))
            case (PGType.int2.oid, 2): return Int64(BinaryCodec.readInt(Int16.self, p, at: 0))
            default: break
            }
        }
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
        if let p = binaryField(row, column, .text) { return String(decoding: p, as: UTF8.self) }
        switch try value(row, column) {
        case .text(let s), .jsonb(let s): return s
        default: throw mismatch(row, column, "text")
        }
    }

    public func optionalString(_ row: Int, _ column: Int) throws(PGError) -> String? {
        isNull(row, column) ? nil : try string(row, column)
    }

    public func bytes(_ row: Int, _ column: Int) throws(PGError) -> [UInt8] {
        if let p = binaryField(row, column, .bytea) { return Array(p) }
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
        if let p = binaryField(row, column, .timestamptz), p.count == 8 { return BinaryCodec.timestamp(p) }
        guard case .timestamptz(let t) = try value(row, column) else { throw mismatch(row, column, "timestamptz") }
        return t
    }

    public func uuid(_ row: Int, _ column: Int) throws(PGError) -> PGUUID {
        if let p = binaryField(row, column, .uuid), p.count == 16 { return PGUUID(bytes: Array(p)) }
        guard case .uuid(let u) = try value(row, column) else { throw mismatch(row, column, "uuid") }
        return u
    }
}
