/// How `PANDetector` reads one character: a digit (any Unicode decimal digit, normalised to its
/// value 0–9), a separator that may sit between the digits of one card number, or anything else
/// (which ends a digit run).
///
/// Separators: ASCII space, tab, line feed, vertical tab, form feed and carriage return; `-`, `.`,
/// `/` and `_` (`_` because it is, with `-` and `.`, the only non-alphanumeric character an id may
/// hold); every Unicode space (Zs: no-break space U+00A0, figure space U+2007, narrow no-break
/// space U+202F, ideographic space U+3000, …), line and paragraph separators; the invisible
/// characters that can sit between pasted digits (soft hyphen U+00AD, zero-width space and joiners
/// U+200B–U+200D, direction marks U+200E–U+200F, word joiner and invisible operators
/// U+2060–U+206F, byte-order mark U+FEFF); dashes U+2010–U+2015, minus U+2212, small and full-width
/// hyphen-minus U+FE58, U+FE63, U+FF0D; dot leader U+2024, small and full-width full stop U+FE52,
/// U+FF0E; fraction and division slash U+2044, U+2215, full-width solidus U+FF0F; full-width low
/// line U+FF3F. Not separators: `,` `:` `+` `(` `)` and the ideographic full stop U+3002, which
/// separate numbers in ordinary text (amounts, times, phone numbers, sentences).
extension PANDetector {
    enum CharacterClass: Equatable {
        case digit(UInt8)
        case separator
        case other
    }

    /// An ASCII byte that is not a digit: a separator or not.
    @inline(__always)
    static func isSeparatorASCII(_ byte: UInt8) -> Bool {
        // space; tab, line feed, vertical tab, form feed, carriage return; "-" "." "/"; "_"
        byte == 0x20 || byte &- 0x09 <= 4 || byte &- UInt8(ascii: "-") <= 2 || byte == UInt8(ascii: "_")
    }

    /// A non-ASCII scalar. Common scripts that hold neither digits nor separators are answered
    /// without a Unicode property lookup.
    static func classify(scalar value: UInt32) -> CharacterClass {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return .other  // kana, CJK ideographs, Hangul
        case 0xFF10...0xFF19:
            return .digit(UInt8(value - 0xFF10))  // full-width digits
        case 0x00A0, 0x00AD, 0x1680, 0x2000...0x2015, 0x2024, 0x2028, 0x2029, 0x202F, 0x2044, 0x205F,
             0x2060...0x206F, 0x2212, 0x2215, 0x3000, 0xFE52, 0xFE58, 0xFE63, 0xFEFF, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3F:
            return .separator
        default:
            guard let scalar = Unicode.Scalar(value) else { return .other }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .decimalNumber:
                guard let number = properties.numericValue, number >= 0, number <= 9 else { return .other }
                return .digit(UInt8(number))
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                return .separator
            default:
                return .other
            }
        }
    }

    /// Decodes the scalar whose lead byte is at `index` (the text is valid UTF-8: it is a String)
    /// and returns it with its length in bytes.
    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        @inline(__always) func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }
}
