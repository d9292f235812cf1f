/// Field paths in rejections: `memo`, `lines[2].description`. A key that might hold a card number
/// (`PANDetector.mayHoldCardNumber`: 13 or more characters that could be digits) is never written
/// out: it is named by its 1-based position in its object, `<key #3>` (`lines[0].<key #2>`).
enum FieldPath {
    /// The key itself, or `<key #position>` when it must not be echoed.
    static func segment(key: String, position: Int) -> String {
        PANDetector.mayHoldCardNumber(key) ? withheldKey(position: position) : key
    }

    static func withheldKey(position: Int) -> String { "<key #\(position)>" }

    static func appending(_ segment: String, to path: String) -> String {
        path.isEmpty ? segment : path + "." + segment
    }

    /// "key #3 of the command object", "key #2 of lines[0]": a withheld key in a message.
    static func describeWithheldKey(position: Int, in objectPath: String) -> String {
        "key #\(position) of " + (objectPath.isEmpty ? "the command object" : objectPath)
    }
}
