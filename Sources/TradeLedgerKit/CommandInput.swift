import Foundation

/// Streams commands out of NDJSON (one JSON object per line) or a JSON array, reading the input
/// in blocks of `readBytesMax` so memory stays bounded by one block plus one batch, however large
/// the file. Each item carries its 1-based line number (for an array, the line where the element
/// starts). Blank lines are skipped.
public struct CommandInput {
    public struct Item: Sendable {
        public var line: Int
        public var bytes: [UInt8]
    }

    public static let readBytesMax = 1 << 20
    /// A single command larger than this is refused (it is not a command, it is a mistake).
    public static let itemBytesMax = 1 << 20

    let handle: FileHandle
    var buffer: [UInt8] = []
    var position = 0
    var eof = false
    var line = 1
    var mode: Mode = .unknown
    /// Bytes read from the input so far, and its size when it is a regular file (for an ETA).
    public private(set) var bytesRead = 0
    public private(set) var totalBytes: Int?

    enum Mode { case unknown, lines, array, arrayDone }

    public init(handle: FileHandle, totalBytes: Int? = nil) {
        self.handle = handle
        self.totalBytes = totalBytes
    }

    public init(path: String) throws(AppError) {
        if path == "-" { self.init(handle: .standardInput); return }
        guard let h = FileHandle(forReadingAtPath: path) else { throw AppError.usage("cannot open \(path) for reading") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        self.init(handle: h, totalBytes: size)
    }

    public struct OversizeError: Error, CustomStringConvertible {
        public var line: Int
        public var description: String { "line \(line): a command longer than \(CommandInput.itemBytesMax) bytes" }
    }

    mutating func fill() -> Bool {
        if eof { return false }
        if position > 0 { buffer.removeFirst(position); position = 0 }
        let data = handle.readData(ofLength: Self.readBytesMax)
        if data.isEmpty { eof = true; return false }
        bytesRead += data.count
        buffer.append(contentsOf: data)
        return true
    }

    /// The next command, or nil at the end. Malformed framing (an unterminated array) comes back
    /// as an item whose bytes fail to decode, so it is reported with its line like any bad JSON.
    public mutating func next() throws -> Item? {
        while true {
            if mode == .unknown {
                skipWhitespace()
                if position >= buffer.count { if !fill() { return nil }; continue }
                if buffer[position] == UInt8(ascii: "[") { mode = .array; position += 1 } else { mode = .lines }
            }
            switch mode {
            case .lines: return try nextLine()
            case .array: return try nextElement()
            default: return nil
            }
        }
    }

    mutating func skipWhitespace() {
        while position < buffer.count {
            let c = buffer[position]
            if c == 0x0A { line += 1 } else if c != 0x20 && c != 0x09 && c != 0x0D { return }
            position += 1
        }
    }

    mutating func nextLine() throws -> Item? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                // Checked on the whole line: one that straddles a read block arrives complete.
                if nl - position > Self.itemBytesMax + 1 || (nl - position == Self.itemBytesMax + 1 && buffer[nl - 1] != 0x0D) {
                    throw OversizeError(line: line)
                }
                var bytes = Array(buffer[position..<nl])
                if bytes.last == 0x0D { bytes.removeLast() }
                let item = Item(line: line, bytes: bytes)
                line += 1
                position = nl + 1
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return item
            }
            if buffer.count - position > Self.itemBytesMax { throw OversizeError(line: line) }
            if !fill() {
                guard position < buffer.count else { return nil }
                var bytes = Array(buffer[position...])
                if bytes.last == 0x0D { bytes.removeLast() }
                position = buffer.count
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
                return Item(line: line, bytes: bytes)
            }
        }
    }

    /// One element of a top-level JSON array, found by tracking nesting and strings.
    mutating func nextElement() throws -> Item? {
        while true {
            skipWhitespace()
            if position >= buffer.count { if !fill() { return nil }; continue }
            if buffer[position] == UInt8(ascii: ",") { position += 1; continue }
            if buffer[position] == UInt8(ascii: "]") { position += 1; mode = .arrayDone; return nil }
            break
        }
        let startLine = line
        var depth = 0, inString = false, escaped = false
        var i = position
        while true {
            if i >= buffer.count {
                if buffer.count - position > Self.itemBytesMax { throw OversizeError(line: startLine) }
                let offset = i - position
                if !fill() {
                    if buffer.count - position > Self.itemBytesMax { throw OversizeError(line: startLine) }
                    let bytes = Array(buffer[position...])
                    position = buffer.count
                    return Item(line: startLine, bytes: bytes)  // unterminated: reported by the decoder
                }
                i = position + offset
                continue
            }
            let c = buffer[i]
            if c == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                if depth == 0 { break }  // the array's own closing bracket
                depth -= 1
                if depth == 0 { i += 1; break }
            } else if c == UInt8(ascii: ",") && depth == 0 {
                break
            }
            i += 1
        }
        if i - position > Self.itemBytesMax { throw OversizeError(line: startLine) }  // whole, as for lines
        let bytes = Array(buffer[position..<i])
        position = i
        return Item(line: startLine, bytes: bytes)
    }
}
