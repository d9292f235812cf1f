import Money

/// Reads the members of one JSON object as typed fields, naming the field in every problem, and
/// refuses members that were never read (`finish`). `context` prefixes messages
/// ("CaptureCardPayment" or "IssueInvoice.lines[2]"); `pathPrefix` prefixes field paths.
struct FieldReader {
    let members: [JSONMember]
    /// Which members have been read: the first 64 as bits (no allocation), any further ones in
    /// an array (only an object with more members than any body or command has needs it).
    private var usedBits: UInt64 = 0
    private var usedBeyond64: [Bool]
    private var cursor = 0
    /// The reader's context and path prefix are those of its parent plus, for an element of an
    /// array (`objectArray`), the array's key and the element's index: the strings are built only
    /// when a message needs them (decoding reads every element of every stored body).
    private let parentContext: String
    private let parentPathPrefix: String
    private let element: (key: String, index: Int)?

    init(_ members: [JSONMember], context: String, pathPrefix: String = "") {
        self.init(members, parentContext: context, parentPathPrefix: pathPrefix, element: nil)
    }

    private init(_ members: [JSONMember], parentContext: String, parentPathPrefix: String, element: (key: String, index: Int)?) {
        self.members = members
        self.usedBeyond64 = members.count > 64 ? Array(repeating: false, count: members.count - 64) : []
        self.parentContext = parentContext
        self.parentPathPrefix = parentPathPrefix
        self.element = element
    }

    /// "CaptureCardPayment", or "IssueInvoice.lines[2]" for an element of an array.
    var context: String {
        guard let element else { return parentContext }
        return "\(parentContext).\(element.key)[\(element.index)]"
    }

    /// "" at the top, "lines[2]." for an element of an array.
    var pathPrefix: String {
        guard let element else { return parentPathPrefix }
        return "\(parentPathPrefix)\(element.key)[\(element.index)]."
    }

    private mutating func markUsed(_ index: Int) {
        if index < 64 { usedBits |= 1 << UInt64(index) } else { usedBeyond64[index - 64] = true }
    }

    private func isUsed(_ index: Int) -> Bool {
        index < 64 ? usedBits & (1 << UInt64(index)) != 0 : usedBeyond64[index - 64]
    }

    /// Marks `key` as known without reading it (e.g. "type").
    mutating func skip(_ key: String) { _ = take(key) }

    /// The member `key`, marked used; nil when absent or null. The search starts after the member
    /// found last, so fields read in the order they are stored (canonical bodies, whose readers
    /// take their fields in key order) are found at the first comparison.
    mutating func take(_ key: String) -> JSONValue? {
        let n = members.count
        var index = cursor
        for _ in 0..<n {
            if index == n { index = 0 }
            if members[index].key == key {
                markUsed(index)
                cursor = index + 1
                if case .null = members[index].value { return nil }
                return members[index].value
            }
            index += 1
        }
        return nil
    }

    func path(_ key: String) -> String { pathPrefix + key }

    func missing(_ key: String) -> FieldProblem {
        FieldProblem(code: CommandRejection.missingField, field: path(key), message: "\(context).\(key) is missing")
    }

    func invalid(_ key: String, _ problem: String) -> FieldProblem {
        FieldProblem(code: CommandRejection.invalidField, field: path(key), message: "\(context).\(key): \(problem)")
    }

    func invalid(_ key: String, value: String, _ problem: String) -> FieldProblem {
        FieldProblem(code: CommandRejection.invalidField, field: path(key),
                     message: "\(context).\(key) \(FieldProblem.echo(value)): \(problem)")
    }

    /// Fails on the first member that no accessor read. A key that might hold a card number is
    /// named by its position, never echoed (`FieldPath`).
    func finish() throws(FieldProblem) {
        for index in members.indices where !isUsed(index) {
            let key = members[index].key
            guard PANDetector.mayHoldCardNumber(key) else {
                throw FieldProblem(code: CommandRejection.unknownField, field: path(key),
                                   message: "\(context).\(key) is not a known field")
            }
            throw FieldProblem(code: CommandRejection.unknownField, field: pathPrefix + FieldPath.withheldKey(position: index + 1),
                               message: "\(context): key #\(index + 1) is not a known field (not shown: it might hold a card number)")
        }
    }

    // MARK: strings

    mutating func optionalString(_ key: String) throws(FieldProblem) -> String? {
        guard let value = take(key) else { return nil }
        guard case .string(let text) = value else { throw invalid(key, "must be a string (got \(value.kindName))") }
        return text
    }

    mutating func string(_ key: String) throws(FieldProblem) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    mutating func optionalId(_ key: String) throws(FieldProblem) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard Identifier.isValidId(text) else {
            throw invalid(key, value: text, "an id is 1–\(Identifier.idBytesMax) characters of A–Z a–z 0–9 . _ -")
        }
        return text
    }

    mutating func id(_ key: String) throws(FieldProblem) -> String {
        guard let text = try optionalId(key) else { throw missing(key) }
        return text
    }

    /// Free text: 1…`bytesMax` bytes, no control characters. Never echoed.
    mutating func optionalFreeText(_ key: String, bytesMax: Int) throws(FieldProblem) -> String? {
        guard let text = try optionalString(key) else { return nil }
        let count = text.utf8.count
        guard count >= 1 && count <= bytesMax else { throw invalid(key, "must be 1–\(bytesMax) bytes of text") }
        guard !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw invalid(key, "must not contain control characters")
        }
        return text
    }

    mutating func freeText(_ key: String, bytesMax: Int) throws(FieldProblem) -> String {
        guard let text = try optionalFreeText(key, bytesMax: bytesMax) else { throw missing(key) }
        return text
    }

    mutating func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(FieldProblem) -> E?
    where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let choices = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw invalid(key, value: text, "must be one of \(choices)")
        }
        return value
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(FieldProblem) -> E
    where E.RawValue == String {
        guard let value = try optionalEnumeration(key, type) else { throw missing(key) }
        return value
    }

    // MARK: numbers

    mutating func optionalInt(_ key: String, range: ClosedRange<Int64>) throws(FieldProblem) -> Int64? {
        guard let value = take(key) else { return nil }
        guard case .number(let number) = value else { throw invalid(key, "must be an integer (got \(value.kindName))") }
        guard let integer = number.int64 else { throw invalid(key, value: number.text, "must be an integer") }
        guard range.contains(integer) else {
            throw invalid(key, value: number.text, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    mutating func int(_ key: String, range: ClosedRange<Int64>) throws(FieldProblem) -> Int64 {
        guard let value = try optionalInt(key, range: range) else { throw missing(key) }
        return value
    }

    // MARK: money and time

    mutating func optionalCurrency(_ key: String) throws(FieldProblem) -> Currency? {
        guard let text = try optionalString(key) else { return nil }
        guard let currency = Currency(code: text) else {
            throw invalid(key, value: text, "not an active ISO 4217 currency code (e.g. \"HKD\")")
        }
        return currency
    }

    mutating func currency(_ key: String) throws(FieldProblem) -> Currency {
        guard let value = try optionalCurrency(key) else { throw missing(key) }
        return value
    }

    enum Sign { case positive, nonNegative, any }

    mutating func optionalAmount(_ key: String, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount? {
        guard let text = try optionalAmountText(key) else { return nil }
        return try resolve(key, text: text, currency: currency, sign: sign)
    }

    mutating func amount(_ key: String, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount {
        guard let value = try optionalAmount(key, currency: currency, sign: sign) else { throw missing(key) }
        return value
    }

    private mutating func optionalAmountText(_ key: String) throws(FieldProblem) -> String? {
        guard let value = take(key) else { return nil }
        guard case .string(let text) = value else {
            throw invalid(key, "must be a string holding a decimal amount, like \"1234.50\" (got \(value.kindName))")
        }
        return text
    }

    func resolve(_ key: String, text: String, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount {
        let amount: Amount
        do {
            amount = try Amount(parsing: text, currency: currency, allowNegative: sign == .any)
        } catch {
            throw invalid(key, value: text, error.message)
        }
        if sign == .positive && !amount.isPositive { throw invalid(key, value: text, "must be greater than zero") }
        return amount
    }

    /// An amount whose currency is only known later (from the payment or invoice): the grammar
    /// and sign are checked now, the decimal places when it is resolved.
    mutating func optionalDecimal(_ key: String, sign: Sign) throws(FieldProblem) -> DecimalAmount? {
        guard let text = try optionalAmountText(key) else { return nil }
        let widest = Currency(code: "CLF")!  // exponent 4, the widest in the table
        _ = try resolve(key, text: text, currency: widest, sign: sign)
        return DecimalAmount(text: text)
    }

    mutating func decimal(_ key: String, sign: Sign) throws(FieldProblem) -> DecimalAmount {
        guard let value = try optionalDecimal(key, sign: sign) else { throw missing(key) }
        return value
    }

    mutating func optionalDay(_ key: String) throws(FieldProblem) -> CalendarDay? {
        guard let text = try optionalString(key) else { return nil }
        do { return try CalendarDay(parsing: text) } catch { throw invalid(key, value: text, error.message) }
    }

    mutating func day(_ key: String) throws(FieldProblem) -> CalendarDay {
        guard let value = try optionalDay(key) else { throw missing(key) }
        return value
    }

    mutating func optionalTimestamp(_ key: String) throws(FieldProblem) -> Timestamp? {
        guard let text = try optionalString(key) else { return nil }
        do { return try Timestamp(rfc3339: text) } catch { throw invalid(key, value: text, error.message) }
    }

    mutating func timestamp(_ key: String) throws(FieldProblem) -> Timestamp {
        guard let value = try optionalTimestamp(key) else { throw missing(key) }
        return value
    }

    mutating func rate(_ key: String) throws(FieldProblem) -> FxRate {
        let text = try string(key)
        do { return try FxRate(parsing: text) } catch { throw invalid(key, value: text, error.message) }
    }

    // MARK: arrays

    mutating func optionalArray(_ key: String, countMax: Int) throws(FieldProblem) -> [JSONValue]? {
        guard let value = take(key) else { return nil }
        guard case .array(let elements) = value else { throw invalid(key, "must be an array (got \(value.kindName))") }
        guard elements.count <= countMax else { throw invalid(key, "has more than \(countMax) entries") }
        return elements
    }

    mutating func optionalStringArray(_ key: String, countMax: Int) throws(FieldProblem) -> [String]? {
        guard let elements = try optionalArray(key, countMax: countMax) else { return nil }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw invalid("\(key)[\(index)]", "must be a string (got \(element.kindName))")
            }
            result.append(text)
        }
        return result
    }

    /// Readers for an array of objects, each with context "Type.key[i]" and path "key[i].".
    mutating func objectArray(_ key: String, countMax: Int) throws(FieldProblem) -> [FieldReader] {
        guard let elements = try optionalArray(key, countMax: countMax) else { throw missing(key) }
        var readers: [FieldReader] = []
        readers.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                throw invalid("\(key)[\(index)]", "must be an object (got \(element.kindName))")
            }
            readers.append(FieldReader(members, parentContext: context, parentPathPrefix: pathPrefix, element: (key, index)))
        }
        return readers
    }
}

extension FieldReader {
    /// True when the object has `key` with a non-null value (does not mark it read).
    func hasField(_ key: String) -> Bool {
        members.contains { $0.key == key && $0.value != .null }
    }
}
