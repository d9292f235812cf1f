import Foundation
import Testing
import TradeLedgerKit

/// `CommandInput` refuses a command longer than `itemBytesMax` wherever it falls in the file: a
/// long line that straddles a read block used to be read whole when its end came with the next
/// block (up to about twice the limit got through).
@Suite("Command input: the size limit") struct CommandInputLimitTests {
    func items(_ text: String) throws -> [CommandInput.Item] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tl-\(UUID().uuidString).ndjson").path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = try CommandInput(path: path)
        var out: [CommandInput.Item] = []
        while let item = try input.next() { out.append(item) }
        return out
    }

    @Test("one byte over the limit is refused at the end of a file, after a newline, straddling a block, and as an array element")
    func oneByteOverTheLimitIsRefusedWhereverItFalls() throws {
        let max = CommandInput.itemBytesMax
        let short = String(repeating: "{}\n", count: 1000)  // the long line starts 3,000 bytes into the first block
        let cases: [(String, String, Int)] = [
            ("straddling, newline-terminated", short + String(repeating: "x", count: max + 1) + "\n{}\n", 1001),
            ("straddling, at the end of the file", short + String(repeating: "x", count: max + 1), 1001),
            ("first line", String(repeating: "x", count: max + 1) + "\n", 1),
            ("array element", "[" + String(repeating: "{}, ", count: 1000) + "\"" + String(repeating: "x", count: max - 1) + "\"]", 1),
        ]
        for (name, text, line) in cases {
            do {
                let got = try items(text)
                Issue.record("\(name): read \(got.count) items, the longest \(got.map(\.bytes.count).max() ?? 0) bytes")
            } catch let e as CommandInput.OversizeError {
                #expect(e.line == line, "\(name)")
            }
        }
        // At the limit exactly, it is read (and left to the decoder).
        let atLimit = try items(short + String(repeating: "x", count: max) + "\n{}\n")
        #expect(atLimit.count == 1002 && atLimit[1000].bytes.count == max)
    }
}
