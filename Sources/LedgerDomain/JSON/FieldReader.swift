import Money

/// Reads the members of one JSON object as typed fields, naming the field in every problem, and
/// refuses members that were never read (`finish`). `context` prefixes messages
/// ("CaptureCardPayment" or "IssueInvoice.lines[2]"); `pathPrefix` prefixes field paths.
struct FieldReader {
    /// The parsed body or command, and the node of the object this reader reads.
    let document: JSONDocument
    let object: Int
    /// Which members have been read: the first 64 as bits (no allocation), any further ones in
    /// an array (only an object with more members than any body or command has needs it).
    private var usedBits: UInt64 = 0
    private var usedBeyond64: [Bool]
    /// The member after the one found last (its node, and its position among the members).
    private var cursor: Int
    private var cursorPosition = 0
    /// The reader's context and path prefix are those of its parent plus, for an element of an
    /// array (`objectArray`), the array's key and the element's index: the strings are built only
    /// when a message needs them (decoding reads every element of every stored body).
    private let parentContext: String
    private let parentPathPrefix: String
    private let element: (key: StaticString, index: Int)?

    /// Reads the object at `object` (by default the document's root, which must be an object).
    init(_ document: JSONDocument, object: Int = JSONDocument.root, context: String, pathPrefix: String = "") {
        self.init(document, object: object, parentContext: context, parentPathPrefix: pathPrefix, element: nil)
    }

    private init(_ document: JSONDocument, object: Int, parentContext: String, parentPathPrefix: String, element: (key: StaticString, index: Int)?) {
        precondition(document.kind(object) == .object, "a FieldReader reads an object")
        self.document = document
        self.object = object
        let count = document.count(object)
        self.usedBeyond64 = count > 64 ? Array(repeating: false, count: count - 64) : []
        self.cursor = object + 1
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
    mutating func skip(_ key: StaticString) { _ = take(key) }

    /// The node of member `key`, marked used; nil when absent or null. The search starts after
    /// the member found last, so fields read in the order they are stored (canonical bodies,
    /// whose readers take their fields in key order) are found at the first comparison.
    mutating func take(_ key: StaticString) -> Int? {
        take(utf8: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    mutating func take(utf8 key: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = document.count(object)
        let first = object + 1, end = Int(document.nodes[object].next)
        var node = cursor, position = cursorPosition
        for _ in 0..<count {
            if node == end { node = first; position = 0 }
            if document.key(node, is: key) {
                markUsed(position)
                cursor = Int(document.nodes[node].next)
                cursorPosition = position + 1
                return document.kind(node) == .null ? nil : node
            }
            node = Int(document.nodes[node].next)
            position += 1
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

    // The accessors' keys are literals (`StaticString`: compared with the stored key's bytes in
    // place); messages spell them as strings.
    func missing(_ key: StaticString) -> FieldProblem { missing(key.description) }
    func invalid(_ key: StaticString, _ problem: String) -> FieldProblem { invalid(key.description, problem) }
    func invalid(_ key: StaticString, value: String, _ problem: String) -> FieldProblem { invalid(key.description, value: value, problem) }

    /// Fails on the first member that no accessor read. A key that might hold a card number is
    /// named by its position, never echoed (`FieldPath`).
    func finish() throws(FieldProblem) {
        for (index, member) in document.children(object).enumerated() where !isUsed(index) {
            let key = document.key(member)
            guard PANDetector.mayHoldCardNumber(key) else {
                throw FieldProblem(code: CommandRejection.unknownField, field: path(key),
                                   message: "\(context).\(key) is not a known field")
            }
            throw FieldProblem(code: CommandRejection.unknownField, field: pathPrefix + FieldPath.withheldKey(position: index + 1),
                               message: "\(context): key #\(index + 1) is not a known field (not shown: it might hold a card number)")
        }
    }

    // MARK: strings

    mutating func optionalString(_ key: StaticString) throws(FieldProblem) -> String? {
        guard let node = try stringNode(key) else { return nil }
        return document.string(node)
    }

    /// The node of string member `key`, nil when absent or null.
    private mutating func stringNode(_ key: StaticString) throws(FieldProblem) -> Int? {
        guard let node = take(key) else { return nil }
        guard document.kind(node) == .string else { throw invalid(key, "must be a string (got \(document.kind(node).name))") }
        return node
    }

    /// String member `key` turned into a value by `parse` from its UTF-8 in place (no `String` is
    /// made for a plain text); a failure is `parse`'s message, with the text echoed.
    private mutating func optionalParsed<T, E: Error>(_ key: StaticString, _ parse: (UnsafeBufferPointer<UInt8>) throws(E) -> T,
                                                      message: (E) -> String) throws(FieldProblem) -> T? {
        guard let node = try stringNode(key) else { return nil }
        return try parsed(key, node, parse, message: message)
    }

    /// The string at `node` turned into a value by `parse`, as `optionalParsed` says.
    private func parsed<T, E: Error>(_ key: StaticString, _ node: Int, _ parse: (UnsafeBufferPointer<UInt8>) throws(E) -> T,
                                     message: (E) -> String) throws(FieldProblem) -> T {
        let result: Result<T, E> = document.withUTF8(node) { bytes in
            do throws(E) { return .success(try parse(bytes)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw invalid(key, value: document.string(node), message(error))
        }
    }

    mutating func string(_ key: StaticString) throws(FieldProblem) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    mutating func optionalId(_ key: StaticString) throws(FieldProblem) -> String? {
        guard let node = try stringNode(key) else { return nil }
        guard document.withUTF8(node, Identifier.isValidId(utf8:)) else {
            throw invalid(key, value: document.string(node), "an id is 1–\(Identifier.idBytesMax) characters of A–Z a–z 0–9 . _ -")
        }
        return document.string(node)
    }

    mutating func id(_ key: StaticString) throws(FieldProblem) -> String {
        guard let text = try optionalId(key) else { throw missing(key) }
        return text
    }

    /// Free text: 1…`bytesMax` bytes, no control characters. Never echoed.
    mutating func optionalFreeText(_ key: StaticString, bytesMax: Int) throws(FieldProblem) -> String? {
        guard let text = try optionalString(key) else { return nil }
        let count = text.utf8.count
        guard count >= 1 && count <= bytesMax else { throw invalid(key, "must be 1–\(bytesMax) bytes of text") }
        guard !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw invalid(key, "must not contain control characters")
        }
        return text
    }

    mutating func freeText(_ key: StaticString, bytesMax: Int) throws(FieldProblem) -> String {
        guard let text = try optionalFreeText(key, bytesMax: bytesMax) else { throw missing(key) }
        return text
    }

    mutating func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(FieldProblem) -> E?
    where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let choices = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw invalid(key, value: text, "must be one of \(choices)")
        }
        return value
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(FieldProblem) -> E
    where E.RawValue == String {
        guard let value = try optionalEnumeration(key, type) else { throw missing(key) }
        return value
    }

    // MARK: numbers

    mutating func optionalInt(_ key: StaticString, range: ClosedRange<Int64>) throws(FieldProblem) -> Int64? {
        guard let node = take(key) else { return nil }
        guard document.kind(node) == .number else { throw invalid(key, "must be an integer (got \(document.kind(node).name))") }
        guard let integer = document.int64(node) else { throw invalid(key, value: document.rawText(node), "must be an integer") }
        guard range.contains(integer) else {
            throw invalid(key, value: document.rawText(node), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    mutating func int(_ key: StaticString, range: ClosedRange<Int64>) throws(FieldProblem) -> Int64 {
        guard let value = try optionalInt(key, range: range) else { throw missing(key) }
        return value
    }

    // MARK: money and time

    mutating func optionalCurrency(_ key: StaticString) throws(FieldProblem) -> Currency? {
        guard let node = try stringNode(key) else { return nil }
        guard let currency = document.withUTF8(node, Currency.init(codeBytes:)) else {
            throw invalid(key, value: document.string(node), "not an active ISO 4217 currency code (e.g. \"HKD\")")
        }
        return currency
    }

    mutating func currency(_ key: StaticString) throws(FieldProblem) -> Currency {
        guard let value = try optionalCurrency(key) else { throw missing(key) }
        return value
    }

    enum Sign { case positive, nonNegative, any }

    mutating func optionalAmount(_ key: StaticString, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount? {
        guard let node = try amountNode(key) else { return nil }
        return try resolve(key, node, currency: currency, sign: sign)
    }

    mutating func amount(_ key: StaticString, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount {
        guard let value = try optionalAmount(key, currency: currency, sign: sign) else { throw missing(key) }
        return value
    }

    /// The node of amount member `key` (a string), nil when absent or null.
    private mutating func amountNode(_ key: StaticString) throws(FieldProblem) -> Int? {
        guard let node = take(key) else { return nil }
        guard document.kind(node) == .string else {
            throw invalid(key, "must be a string holding a decimal amount, like \"1234.50\" (got \(document.kind(node).name))")
        }
        return node
    }

    /// The amount at `node`, parsed from its bytes in place.
    private func resolve(_ key: StaticString, _ node: Int, currency: Currency, sign: Sign) throws(FieldProblem) -> Amount {
        let amount = try parsed(key, node, { bytes throws(MoneyError) in
            try Amount(parsing: bytes, currency: currency, allowNegative: sign == .any)
        }, message: \.message)
        if sign == .positive && !amount.isPositive { throw invalid(key, value: document.string(node), "must be greater than zero") }
        return amount
    }

    /// An amount whose currency is only known later (from the payment or invoice): the grammar
    /// and sign are checked now, the decimal places when it is resolved.
    mutating func optionalDecimal(_ key: StaticString, sign: Sign) throws(FieldProblem) -> DecimalAmount? {
        guard let node = try amountNode(key) else { return nil }
        let widest = Currency(code: "CLF")!  // exponent 4, the widest in the table
        _ = try resolve(key, node, currency: widest, sign: sign)
        return DecimalAmount(text: document.string(node))
    }

    mutating func decimal(_ key: StaticString, sign: Sign) throws(FieldProblem) -> DecimalAmount {
        guard let value = try optionalDecimal(key, sign: sign) else { throw missing(key) }
        return value
    }

    mutating func optionalDay(_ key: StaticString) throws(FieldProblem) -> CalendarDay? {
        try optionalParsed(key, CalendarDay.init(parsing:), message: \.message)
    }

    mutating func day(_ key: StaticString) throws(FieldProblem) -> CalendarDay {
        guard let value = try optionalDay(key) else { throw missing(key) }
        return value
    }

    mutating func optionalTimestamp(_ key: StaticString) throws(FieldProblem) -> Timestamp? {
        try optionalParsed(key, Timestamp.init(rfc3339:), message: \.message)
    }

    mutating func timestamp(_ key: StaticString) throws(FieldProblem) -> Timestamp {
        guard let value = try optionalTimestamp(key) else { throw missing(key) }
        return value
    }

    mutating func rate(_ key: StaticString) throws(FieldProblem) -> FxRate {
        guard let rate = try optionalParsed(key, FxRate.init(parsing:), message: \.message) else { throw missing(key) }
        return rate
    }

    // MARK: arrays

    /// The nodes of an array's elements.
    mutating func optionalArray(_ key: StaticString, countMax: Int) throws(FieldProblem) -> JSONDocument.Children? {
        guard let node = take(key) else { return nil }
        guard document.kind(node) == .array else { throw invalid(key, "must be an array (got \(document.kind(node).name))") }
        guard document.count(node) <= countMax else { throw invalid(key, "has more than \(countMax) entries") }
        return document.children(node)
    }

    mutating func optionalStringArray(_ key: StaticString, countMax: Int) throws(FieldProblem) -> [String]? {
        guard let elements = try optionalArray(key, countMax: countMax) else { return nil }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard document.kind(element) == .string else {
                throw invalid("\(key)[\(index)]", "must be a string (got \(document.kind(element).name))")
            }
            result.append(document.string(element))
        }
        return result
    }

    /// Readers for an array of objects, each with context "Type.key[i]" and path "key[i].".
    mutating func objectArray(_ key: StaticString, countMax: Int) throws(FieldProblem) -> [FieldReader] {
        guard let elements = try optionalArray(key, countMax: countMax) else { throw missing(key) }
        var readers: [FieldReader] = []
        for (index, element) in elements.enumerated() {
            guard document.kind(element) == .object else {
                throw invalid("\(key)[\(index)]", "must be an object (got \(document.kind(element).name))")
            }
            readers.append(FieldReader(document, object: element, parentContext: context, parentPathPrefix: pathPrefix, element: (key, index)))
        }
        return readers
    }
}

extension FieldReader {
    /// True when the object has `key` with a non-null value (does not mark it read).
    func hasField(_ key: StaticString) -> Bool {
        document.children(object).contains { document.key($0, is: key) && document.kind($0) != .null }
    }
}
