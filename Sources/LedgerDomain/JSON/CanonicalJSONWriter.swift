import Glibc
import Money

/// Writes canonical JSON: object keys in ascending byte order (checked by `precondition`: the
/// writer's callers list keys sorted), no insignificant whitespace, UTF-8, integers in plain
/// decimal, amounts as decimal strings in major units. Strings escape `"` `\` and control
/// characters only (`\b \f \n \r \t`, others as `\u00xx`); "/" and non-ASCII are written as is.
/// Optional fields are left out when nil (never written as null).
///
/// The bytes go into a buffer of the writer's own (appends are a store and a bounds check, no
/// copy-on-write check), which is why the writer cannot be copied: `bytes` copies them out once,
/// and `matches` compares them with a stored body without building an array.
public struct CanonicalJSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// For the `Money` types' encoders, which append to an array.
    private var scratch: [UInt8] = []
    /// The open containers, innermost last.
    private var frames: [Frame] = []
    private var pendingValueAfterKey = false

    /// An open array or object: whether it holds a value yet (a comma is due before the next),
    /// and in an object the last key written, for the order check. Keys are static text (the
    /// callers list them in the code), so the check compares bytes in place.
    private struct Frame {
        var hasValue = false
        var lastKey: UnsafeBufferPointer<UInt8>?
    }

    /// `capacity`: the bytes expected (a stored body's length, when it is written again to be
    /// compared), so that the buffer is allocated once.
    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        frames.reserveCapacity(4)
    }

    deinit { base.deallocate() }

    /// What has been written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Whether what has been written is exactly `expected`.
    public func matches(_ expected: [UInt8]) -> Bool {
        guard count == expected.count else { return false }
        return count == 0 || expected.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, count) == 0 }
    }

    private mutating func reserve(_ more: Int) {
        if count + more <= capacity { return }
        let grown = max(capacity * 2, count + more)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.initialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = grown
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if count == capacity { reserve(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let source = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (base + count).initialize(from: source, count: run.count)
        count += run.count
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends what `encode` appends to an array (the `Money` types' encoders).
    private mutating func appendEncoded(_ encode: (inout [UInt8]) -> Void) {
        if scratch.capacity == 0 { scratch.reserveCapacity(32) }  // a timestamp is 27 bytes at most
        scratch.removeAll(keepingCapacity: true)
        encode(&scratch)
        scratch.withUnsafeBufferPointer { append($0) }
    }

    private mutating func beforeValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        let last = frames.count - 1
        if last >= 0 {
            if frames[last].hasValue { append(UInt8(ascii: ",")) }
            frames[last].hasValue = true
        }
    }

    public mutating func beginObject() {
        beforeValue()
        append(UInt8(ascii: "{"))
        frames.append(Frame())
    }

    public mutating func endObject() {
        precondition(!pendingValueAfterKey, "key without value")
        frames.removeLast()
        append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        append(UInt8(ascii: "["))
        frames.append(Frame())
    }

    public mutating func endArray() {
        frames.removeLast()
        append(UInt8(ascii: "]"))
    }

    /// The next key of the open object: after the one before it in byte order (checked).
    public mutating func key(_ key: StaticString) {
        precondition(key.hasPointerRepresentation, "a key is a string literal")
        let utf8 = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        let last = frames.count - 1
        precondition(last >= 0, "key outside an object")
        if let previous = frames[last].lastKey {
            precondition(Self.precedes(previous, utf8), "canonical JSON keys out of order: \(key) after a later one")
        }
        frames[last].lastKey = utf8
        assert(!utf8.contains(where: Self.needsEscape), "a key literal needs no escape")
        beforeValue()
        append(UInt8(ascii: "\""))
        append(utf8)
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    /// A key of a parsed or built object whose members the caller has sorted by their UTF-8
    /// bytes, distinct (`JSONValue.canonicalJSON`): not checked again here.
    mutating func sortedKey(_ key: String) {
        precondition(!frames.isEmpty, "key outside an object")
        beforeValue()
        writeEscaped(key)
        append(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    /// Strict byte order: `a` before `b`.
    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let order = memcmp(pa, pb, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    public mutating func string(_ value: String) {
        beforeValue()
        writeEscaped(value)
    }

    public mutating func int(_ value: Int64) {
        beforeValue()
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for position in stride(from: count - 1, through: 0, by: -1) { append(digits[position]) }
        }
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        append(value ? "true" : "false")
    }

    public mutating func null() {
        beforeValue()
        append("null")
    }

    /// A raw, already canonical JSON number text (from a parsed document).
    mutating func rawNumber(_ text: String) {
        beforeValue()
        var text = text
        text.withUTF8 { append($0) }
    }

    public mutating func amount(_ value: Amount) {
        beforeValue()
        append(UInt8(ascii: "\""))
        appendEncoded { value.appendDecimal(to: &$0) }
        append(UInt8(ascii: "\""))
    }

    public mutating func timestamp(_ value: Timestamp) {
        beforeValue()
        append(UInt8(ascii: "\""))
        appendEncoded { value.appendRFC3339(to: &$0) }
        append(UInt8(ascii: "\""))
    }

    public mutating func day(_ value: CalendarDay) {
        beforeValue()
        append(UInt8(ascii: "\""))
        appendEncoded { value.appendText(to: &$0) }
        append(UInt8(ascii: "\""))
    }

    public mutating func rate(_ value: FxRate) {
        beforeValue()
        append(UInt8(ascii: "\""))
        appendEncoded { value.appendDecimal(to: &$0) }
        append(UInt8(ascii: "\""))
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
        var text = text
        text.withUTF8 { writeEscaped($0) }
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape (nearly always the whole text) are appended whole.
        var run = 0
        for i in utf8.indices where Self.needsEscape(utf8[i]) {
            append(UnsafeBufferPointer(rebasing: utf8[run..<i]))
            appendEscape(utf8[i])
            run = i + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[run...]))
        append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(0x5C); append(0x22)
        case UInt8(ascii: "\\"): append(0x5C); append(0x5C)
        case 0x08: append(0x5C); append(UInt8(ascii: "b"))
        case 0x0C: append(0x5C); append(UInt8(ascii: "f"))
        case 0x0A: append(0x5C); append(UInt8(ascii: "n"))
        case 0x0D: append(0x5C); append(UInt8(ascii: "r"))
        case 0x09: append(0x5C); append(UInt8(ascii: "t"))
        default:
            append("\\u00")
            append(CanonicalJSONWriter.hexDigits[Int(byte >> 4)])
            append(CanonicalJSONWriter.hexDigits[Int(byte & 0xF)])
        }
    }
}

extension CanonicalJSONWriter {
    // Field helpers: key then value; optional helpers write nothing for nil.
    public mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: Int64) { key(name); int(value) }
    public mutating func field(_ name: StaticString, _ value: Int) { key(name); int(Int64(value)) }
    public mutating func field(_ name: StaticString, _ value: Amount) { key(name); amount(value) }
    public mutating func field(_ name: StaticString, _ value: Timestamp) { key(name); timestamp(value) }
    public mutating func field(_ name: StaticString, _ value: CalendarDay) { key(name); day(value) }
    public mutating func field(_ name: StaticString, _ value: FxRate) { key(name); rate(value) }
    public mutating func field(_ name: StaticString, _ value: Currency) { key(name); string(value.code) }
    public mutating func field(_ name: StaticString, _ values: [String]) { key(name); stringArray(values) }
    public mutating func field(_ name: StaticString, _ value: String?) { if let value { field(name, value) } }
    public mutating func field(_ name: StaticString, _ value: Int64?) { if let value { field(name, value) } }
    public mutating func field(_ name: StaticString, _ value: Amount?) { if let value { field(name, value) } }
    public mutating func field(_ name: StaticString, _ value: Timestamp?) { if let value { field(name, value) } }
    public mutating func field(_ name: StaticString, _ value: Currency?) { if let value { field(name, value) } }
    public mutating func field(_ name: StaticString, _ values: [String]?) { if let values { field(name, values) } }
}
