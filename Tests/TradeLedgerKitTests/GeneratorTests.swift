import Foundation
import LedgerDomain
import Money
import Testing
@testable import TradeLedgerKit

@Suite("GeneratorTests")
struct GeneratorTests {
    static func lines(_ generator: ScenarioGenerator) -> ([String], ScenarioGenerator.Summary) {
        var lines: [String] = []
        let summary = generator.generate { lines.append($0) }
        return (lines, summary)
    }

    static let small = ScenarioGenerator(merchants: 7, buyers: 40, payments: 1_500, seed: 42, invalidEvery: 50)

    static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (offset, byte) in digits.utf8.reversed().enumerated() {
            var digit = Int(byte) - 48
            if offset % 2 == 1 { digit *= 2; if digit > 9 { digit -= 9 } }
            sum += digit
        }
        return sum % 10 == 0
    }

    static func minor(_ text: String) -> Int64 {
        let parts = text.split(separator: ".")
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return Int64(parts[0])! * 100 + (fraction.isEmpty ? 0 : Int64(fraction)!)
    }

    @Test func sameSeedSameBytes() {
        let (first, summaryA) = Self.lines(Self.small)
        let (second, summaryB) = Self.lines(Self.small)
        #expect(first == second)
        #expect(summaryA == summaryB)
    }

    @Test func differentSeedDifferentBytes() {
        let (first, _) = Self.lines(Self.small)
        let other = ScenarioGenerator(merchants: 7, buyers: 40, payments: 1_500, seed: 43, invalidEvery: 50)
        let (second, _) = Self.lines(other)
        #expect(first != second)
    }

    @Test func writeMatchesStream() throws {
        let (lines, summary) = Self.lines(Self.small)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try Self.small.write(to: path)
        #expect(written == summary)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data == Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    @Test func everyLineParsesAndCountsMatchSummary() throws {
        let (lines, summary) = Self.lines(Self.small)
        #expect(lines.count == summary.lines)
        var counts: [String: Int] = [:]
        var invalid = 0
        var malformed = 0
        var commandIds = Set<String>()
        for (offset, line) in lines.enumerated() {
            let isInvalidSlot = (offset + 1) % 50 == 0
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                malformed += 1
                invalid += 1
                #expect(isInvalidSlot, "unparseable line \(offset + 1) is not an invalid slot: \(line)")
                continue
            }
            let type = try #require(object["type"] as? String)
            let commandId = try #require(object["commandId"] as? String)
            #expect(commandIds.insert(commandId).inserted, "duplicate commandId \(commandId)")
            #expect(object["at"] is String)
            if line.contains("\"BAD-") {
                invalid += 1
                #expect(isInvalidSlot, "invalid line \(offset + 1) out of rotation")
            } else {
                #expect(!isInvalidSlot, "line \(offset + 1) should be invalid: \(line)")
                counts[type, default: 0] += 1
            }
        }
        #expect(invalid == summary.invalidCommands)
        #expect(malformed == summary.invalidCounts["malformed_json"])
        #expect(invalid == lines.count / 50)
        for type in ScenarioGenerator.commandTypes {
            #expect(counts[type, default: 0] == summary.commandCounts[type], "count of \(type)")
        }
        #expect(summary.commandCounts["RegisterParty"] == 7 + 40 + 2)
        #expect(summary.commandCounts["BindCard"] == 40)
        #expect(summary.commandCounts["IssueInvoice"] == 1_500)
        #expect(summary.commandCounts["CaptureCardPayment"]! + summary.commandCounts["RecordBankTransfer"]! == 1_500)
        #expect(summary.commandCounts["RefundCardPayment"]! > 0)
        #expect(summary.commandCounts["IssueCreditNote"]! > 0)
        for kind in ScenarioGenerator.InvalidKind.allCases {
            #expect(summary.invalidCounts[kind.rawValue]! > 0, "no \(kind.rawValue)")
        }
    }

    @Test func arnsPassLuhnAndTokensFailIt() throws {
        let (lines, _) = Self.lines(Self.small)
        var arns = 0, tokens = 0, badARNs = 0
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if let arn = object["arn"] as? String {
                #expect(arn.count == 23 && arn.allSatisfy(\.isNumber))
                #expect(arn.hasPrefix("7") && arn.dropFirst(7).hasPrefix("6135"))
                if line.contains("\"BAD-PAY-") && object["type"] as? String == "CaptureCardPayment" {
                    #expect(!Self.luhn(arn)); badARNs += 1
                } else {
                    #expect(Self.luhn(arn), "ARN \(arn) fails Luhn"); arns += 1
                }
            }
            if let token = object["token"] as? String {
                #expect(token.count == 16 && token.allSatisfy(\.isNumber))
                #expect(!Self.luhn(token), "token passes Luhn")
                tokens += 1
            }
            if let auth = object["authCode"] as? String { #expect(auth.count == 6 && auth.allSatisfy { $0.isLetter || $0.isNumber }) }
            if let id = object["visaTransactionId"] as? String { #expect(id.count == 15 && id.allSatisfy(\.isNumber)) }
            if let expiry = object["expiry"] as? String, !line.contains("\"BAD-") {
                let month = Int(expiry.prefix(2))!, year = Int(expiry.suffix(2))!
                #expect((1...12).contains(month) && (year * 100 + month) > 2605, "expiry \(expiry)")
            }
        }
        #expect(arns > 1_000 && tokens == 40 && badARNs > 0)
    }

    /// Replays the valid commands against the ledger's money rules: payments ≤ open amount,
    /// refunds ≤ captured − refunded, credit notes ≤ open amount; amounts with 2 decimals;
    /// business times strictly increasing within 2026-05-15.
    @Test func validCommandsKeepTheRules() throws {
        let (lines, summary) = Self.lines(Self.small)
        var open: [String: Int64] = [:]
        var capturedLeft: [String: Int64] = [:]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let dayStart = formatter.date(from: "2026-05-15T00:00:00.000Z")!
        var lastAt = dayStart.addingTimeInterval(-1)
        let amountPattern = try Regex(#"^[0-9]+\.[0-9]{2}$"#)
        for line in lines where !line.contains("\"BAD-") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let at = try #require(formatter.date(from: object["at"] as! String))
            #expect(at > lastAt)
            #expect(at.timeIntervalSince(dayStart) < 86_400)
            lastAt = at
            if let amount = object["amount"] as? String { #expect(amount.wholeMatch(of: amountPattern) != nil, "\(amount)") }
            switch object["type"] as! String {
            case "IssueInvoice":
                var total: Int64 = 0
                for entry in object["lines"] as! [[String: Any]] {
                    let price = entry["unitPrice"] as! String
                    #expect(price.wholeMatch(of: amountPattern) != nil)
                    total += Int64(entry["quantity"] as! Int) * Self.minor(price)
                }
                #expect(total > 0)
                open[object["invoiceId"] as! String] = total
            case "CaptureCardPayment", "RecordBankTransfer":
                let invoice = object["invoiceId"] as! String
                let amount = Self.minor(object["amount"] as! String)
                #expect(amount > 0 && amount <= open[invoice]!)
                open[invoice]! -= amount
                if object["type"] as! String == "CaptureCardPayment" { capturedLeft[object["paymentId"] as! String] = amount }
            case "RefundCardPayment":
                let payment = object["paymentId"] as! String
                let amount = Self.minor(object["amount"] as! String)
                #expect(amount > 0 && amount <= capturedLeft[payment]!)
                capturedLeft[payment]! -= amount
            case "IssueCreditNote":
                let invoice = object["invoiceId"] as! String
                let amount = Self.minor(object["amount"] as! String)
                #expect(amount > 0 && amount <= open[invoice]!)
                open[invoice]! -= amount
            default:
                break
            }
        }
        #expect(Self.minor(summary.subsidyBudget) < Self.minor(summary.eligibleSubsidy))
    }

    /// The PAN guard scans every value and key: no generated valid command may trip it (long seeds
    /// included), and the invalid `pan_field` ones must.
    @Test(arguments: [42, 4_111_111_111_111_111, UInt64.max])
    func theCardNumberGuardPassesEveryValidCommand(seed: UInt64) {
        let generator = ScenarioGenerator(merchants: 7, buyers: 40, payments: 1_500, seed: seed, invalidEvery: 50)
        let key = Array("generator-test-token-key-0123456789".utf8)
        var panRejections = 0
        for line in Self.lines(generator).0 {
            do throws(CommandRejection) {
                _ = try CommandDecoder.decode(Array(line.utf8), tokenKey: key)
                #expect(!line.contains("\"BAD-") || line.contains("\"BAD-PAY-") || line.contains("\"BAD-RF-"), "\(line)")
            } catch {
                if error.code == CommandRejection.panDetected { panRejections += 1 }
                #expect(line.contains("\"BAD-") || error.code == CommandRejection.malformedJSON, "\(error): \(line)")
                #expect(error.code != CommandRejection.panDetected || line.contains("\"pan\""), "\(error): \(line)")
            }
        }
        #expect(panRejections > 0)
    }

    @Test func noFreeTextLooksLikeACardNumber() {
        // Long seeds must not turn commandIds into Luhn-valid digit runs (the PAN guard scans them).
        let generator = ScenarioGenerator(merchants: 2, buyers: 3, payments: 20, seed: 4_111_111_111_111_111, invalidEvery: 0)
        let (lines, summary) = Self.lines(generator)
        #expect(summary.invalidCommands == 0)
        let run = try! Regex(#"[0-9]{13,}"#)
        for line in lines {
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for key in ["commandId", "name", "description", "reason", "bankReference", "source", "tokenRequestorId"] {
                if let text = object[key] as? String { #expect(text.firstMatch(of: run) == nil) }
            }
        }
    }
}
