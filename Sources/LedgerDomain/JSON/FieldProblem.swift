/// A field that could not be read: rejection code, field path and full message. The command
/// decoder turns it into a `CommandRejection`, the event decoder into an `EventDecodingError`.
struct FieldProblem: Error, Equatable {
    let code: String
    let field: String
    let message: String

    /// Quotes a value for a message unless it might hold a card number; long values are cut.
    static func echo(_ value: String) -> String {
        if PANDetector.mayHoldCardNumber(value) { return "(value withheld)" }
        let echoedBytesMax = 40
        if value.utf8.count <= echoedBytesMax { return "\"\(value)\"" }
        return "\"\(String(decoding: value.utf8.prefix(echoedBytesMax), as: UTF8.self))…\""
    }
}
