import Money

/// Writes canonical JSON: object keys in ascending byte order (checked by `precondition`: the
/// writer's callers list keys sorted), no insignificant whitespace, UTF-8, integers in plain
/// decimal, amounts as decimal strings in major units. Strings escape `"` `\` and control
/// characters only (`\b \f \n \r \t`, others as `\u00xx`); "/" and non-ASCII are written as is.
/// Optional fields are left out when nil (never written as null).
public struct CanonicalJSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether a comma is due, and the last key written (objects).
    private var needsComma: [Bool] = []
    private var lastKey: [String?] = []
    private var pendingValueAfterKey = false

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    private mutating func beforeValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
        lastKey.append(nil)
    }

    public mutating func endObject() {
        precondition(!pendingValueAfterKey, "key without value")
        needsComma.removeLast()
        lastKey.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
        lastKey.append(nil)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        lastKey.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func key(_ key: String) {
        precondition(!lastKey.isEmpty, "key outside an object")
        if let previous = lastKey[lastKey.count - 1] {
            precondition(previous.utf8.lexicographicallyPrecedes(key.utf8),
                         "canonical JSON keys out of order: \(previous) before \(key)")
        }
        lastKey[lastKey.count - 1] = key
        beforeValue()
        writeEscaped(key)
        bytes.append(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        writeEscaped(value)
    }

    public mutating func int(_ value: Int64) {
        beforeValue()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for position in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[position]) }
        }
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A raw, already canonical JSON number text (from a parsed document).
    mutating func rawNumber(_ text: String) {
        beforeValue()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func amount(_ value: Amount) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        value.appendDecimal(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func timestamp(_ value: Timestamp) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        value.appendRFC3339(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func day(_ value: CalendarDay) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        value.appendText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func rate(_ value: FxRate) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        value.appendDecimal(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Deliberately not `VisaJSON.string` (the escaper of the reports): this one defines the
    /// canonical form that event hashes cover (`\b` and `\f` short forms, bytes not scalars), so
    /// it must never change when report output does. Pinned by the canonical fixtures.
    private mutating func writeEscaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape (nearly all of them) are appended whole.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            var run = 0
            for i in utf8.indices where Self.needsEscape(utf8[i]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                appendEscape(utf8[i])
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        if done == nil {
            for byte in text.utf8 { if Self.needsEscape(byte) { appendEscape(byte) } else { bytes.append(byte) } }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(0x22)
        case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(0x5C)
        case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(CanonicalJSONWriter.hexDigits[Int(byte >> 4)])
            bytes.append(CanonicalJSONWriter.hexDigits[Int(byte & 0xF)])
        }
    }
}

extension CanonicalJSONWriter {
    // Field helpers: key then value; optional helpers write nothing for nil.
    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int64) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(Int64(value)) }
    public mutating func field(_ name: String, _ value: Amount) { key(name); amount(value) }
    public mutating func field(_ name: String, _ value: Timestamp) { key(name); timestamp(value) }
    public mutating func field(_ name: String, _ value: CalendarDay) { key(name); day(value) }
    public mutating func field(_ name: String, _ value: FxRate) { key(name); rate(value) }
    public mutating func field(_ name: String, _ value: Currency) { key(name); string(value.code) }
    public mutating func field(_ name: String, _ values: [String]) { key(name); stringArray(values) }
    public mutating func field(_ name: String, _ value: String?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, _ value: Int64?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, _ value: Amount?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, _ value: Timestamp?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, _ value: Currency?) { if let value { field(name, value) } }
    public mutating func field(_ name: String, _ values: [String]?) { if let values { field(name, values) } }
}
