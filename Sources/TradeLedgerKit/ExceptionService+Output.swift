import LibPQ
import Money

extension ExceptionService {
    static let columns = ["id", "kind", "status", "amount", "currency", "item", "file", "record", "opened", "ageDays", "evidence"]

    static func cells(_ r: Row) -> [String] {
        [r.exceptionId, r.kind, r.isOpen ? "open" : "resolved", r.amount?.decimalString ?? "", r.amount?.currency.code ?? "",
         item(r), r.fileId.map { String($0.prefix(16)) } ?? "",
         r.record.map { String($0) } ?? "", r.openedOn.text, String(r.ageDays), r.evidence]
    }

    /// The item column: `capture PAY7`, `refund RF1 of payment PAY7` (a refund id is unique within its
    /// payment only), or the payment a line exception is about.
    static func item(_ r: Row) -> String {
        guard let itemId = r.itemId else { return r.paymentId ?? "" }
        let kind = r.itemKind ?? ""
        return kind == "refund" ? "refund \(itemId) of payment \(r.paymentId ?? "?")" : "\(kind) \(itemId)"
    }

    public static func table(_ rows: [Row]) -> String {
        TextTable.render(columns, rows.map(cells), rightAligned: [3, 7, 9])
    }

    public static func csv(_ rows: [Row]) -> String { TextTable.csv(columns, rows.map(cells)) }

    public static func json(_ rows: [Row]) -> String {
        JSONText.encode(.object([("exceptions", .array(rows.map { r in
            .object([("id", .string(r.exceptionId)), ("kind", .string(r.kind)), ("status", .string(r.isOpen ? "open" : "resolved")),
                     ("amount", r.amount.map { .string($0.decimalString) } ?? .null),
                     ("currency", r.amount.map { .string($0.currency.code) } ?? .null),
                     ("itemKind", r.itemKind.map { .string($0) } ?? .null), ("itemId", r.itemId.map { .string($0) } ?? .null),
                     ("paymentId", r.paymentId.map { .string($0) } ?? .null), ("fileId", r.fileId.map { .string($0) } ?? .null),
                     ("record", r.record.map { .int($0) } ?? .null), ("opened", .string(r.openedOn.text)), ("ageDays", .int(r.ageDays)),
                     ("evidence", .string(r.evidence))])
        }))]))
    }

    /// The exceptions the import of one file raised, as CSV (`reconcile --exceptions-csv`): its
    /// lines' exceptions, its net check and the missing_in_file it swept (not those an earlier
    /// file swept). By opening date then id, as `list`.
    public func csv(fileId: String) throws -> String {
        let r = try store.connection.execute(
            "SELECT exception_id FROM recon.exceptions WHERE ledger_id = $1 AND raised_by_file = $2",
            [.text(store.ledgerId), .text(fileId)])
        let ids = Set(try (0..<r.rowCount).map { try r.string($0, 0) })
        return Self.csv(try list(Filter()).filter { ids.contains($0.exceptionId) })
    }
}
