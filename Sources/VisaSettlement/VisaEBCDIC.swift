/// EBCDIC (code page 500) files: detected by a header that reads "90" in EBCDIC, and decoded to
/// ASCII before reading. Only the characters a BASE II file uses are mapped; any other byte
/// becomes ASCII SUB (0x1A), which every validated field rejects.
public enum VisaEBCDIC {
    static let substitute: UInt8 = 0x1A
    /// (EBCDIC, ASCII) pairs beyond the letters and digits.
    static let symbols: [(UInt8, UInt8)] = [
        (0x40, 0x20), (0x4B, 0x2E), (0x4C, 0x3C), (0x4D, 0x28), (0x4E, 0x2B), (0x4F, 0x21), (0x50, 0x26),
        (0x5B, 0x24), (0x5C, 0x2A), (0x5D, 0x29), (0x5E, 0x3B), (0x60, 0x2D), (0x61, 0x2F), (0x6B, 0x2C),
        (0x6C, 0x25), (0x6D, 0x5F), (0x6E, 0x3E), (0x6F, 0x3F), (0x7A, 0x3A), (0x7B, 0x23), (0x7C, 0x40),
        (0x7D, 0x27), (0x7E, 0x3D), (0x7F, 0x22), (0x25, 0x0A), (0x15, 0x0A), (0x0D, 0x0D),
    ]
    /// (first EBCDIC byte, first ASCII byte, count) runs of letters and digits.
    static let runs: [(UInt8, UInt8, UInt8)] = [
        (0xF0, 0x30, 10), (0xC1, 0x41, 9), (0xD1, 0x4A, 9), (0xE2, 0x53, 8),
        (0x81, 0x61, 9), (0x91, 0x6A, 9), (0xA2, 0x73, 8),
    ]

    static let toASCII: [UInt8] = {
        var table = [UInt8](repeating: substitute, count: 256)
        for (e, a, count) in runs { for i in 0..<count { table[Int(e + i)] = a + i } }
        for (e, a) in symbols { table[Int(e)] = a }
        return table
    }()

    static let fromASCII: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (e, a, count) in runs { for i in 0..<count { table[Int(a + i)] = e + i } }
        for (e, a) in symbols where e != 0x15 { table[Int(a)] = e }
        return table
    }()

    /// True when the file starts with "90" in EBCDIC.
    public static func isEBCDIC(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        buffer.count >= 2 && buffer[0] == 0xF9 && buffer[1] == 0xF0
    }

    /// EBCDIC bytes to ASCII.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        buffer.map { toASCII[Int($0)] }
    }

    /// ASCII bytes to EBCDIC (for tests and for producing EBCDIC files); every byte must be one
    /// that `decode` maps back.
    public static func encode(_ ascii: [UInt8]) -> [UInt8] {
        ascii.map { byte in
            guard let e = fromASCII[Int(byte)] else { preconditionFailure("byte \(byte) has no EBCDIC mapping here") }
            return e
        }
    }
}
