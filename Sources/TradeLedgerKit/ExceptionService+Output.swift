import Money

extension ExceptionService {
    static let columns = ["id", "kind", "status", "amount", "currency", "item", "file", "record", "opened", "ageDays", "evidence"]

    static func cells(_ r: Row) -> [String] {
        [r.exceptionId, r.kind, r.isOpen ? "open" : "resolved", r.amount?.decimalString ?? "", r.amount?.currency.code ?? "",
         r.itemId.map { "\(r.itemKind ?? "") \($0)" } ?? (r.paymentId ?? ""), r.fileId.map { String($0.prefix(16)) } ?? "",
         r.record.map { String($0) } ?? "", r.openedOn.text, String(r.ageDays), r.evidence]
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

    /// The exceptions of one file, as CSV (`reconcile --exceptions-csv`).
    public func csv(fileId: String) throws -> String {
        Self.csv(try list(Filter()).filter { $0.fileId == fileId || ($0.fileId == nil && $0.kind == "missing_in_file") })
    }
}
