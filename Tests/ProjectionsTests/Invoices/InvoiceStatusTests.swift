import Money
import Projections
import Testing

@Suite("Invoice status precedence") struct InvoiceStatusTests {
    static let due = try! CalendarDay(parsing: "2026-05-20")
    static func status(total: Int64 = 100_00, paid: Int64 = 0, credited: Int64 = 0, refunded: Int64 = 0, asOf: String) -> InvoiceStatus {
        InvoiceStatus.of(total: total, paid: paid, credited: credited, refunded: refunded, dueDate: due,
                         asOf: try! CalendarDay(parsing: asOf))
    }

    @Test("past due with an open amount is overdue even when every payment was refunded")
    func overdueBeforeRefunded() {
        #expect(Self.status(paid: 40_00, refunded: 40_00, asOf: "2026-05-20") == .refunded)
        #expect(Self.status(paid: 40_00, refunded: 40_00, asOf: "2026-05-21") == .overdue)
        #expect(Self.status(paid: 40_00, credited: 10_00, refunded: 40_00, asOf: "2026-05-21") == .overdue)
        // Nothing open: a full refund of a full payment stays refunded past the due date.
        #expect(Self.status(paid: 100_00, refunded: 100_00, asOf: "2026-05-21") == .refunded)
        #expect(Self.status(paid: 60_00, credited: 40_00, refunded: 60_00, asOf: "2026-05-21") == .refunded)
        #expect(Self.status(paid: 100_00, refunded: 30_00, asOf: "2026-05-21") == .paid)
        #expect(Self.status(paid: 40_00, refunded: 10_00, asOf: "2026-05-21") == .overdue)
        #expect(Self.status(asOf: "2026-05-21") == .overdue)
        #expect(Self.status(credited: 100_00, asOf: "2026-05-21") == .credited)
    }
}
