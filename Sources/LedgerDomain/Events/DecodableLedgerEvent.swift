/// The module's side of an event type: reading a current-version body.
protocol DecodableLedgerEvent: LedgerEvent {
    init(reading reader: inout FieldReader) throws(FieldProblem)
}
