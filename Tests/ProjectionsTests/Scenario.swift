import Foundation
import Money
import TestSupport
import TradeLedgerKit

/// A deterministic programmatic scenario: invoices to several buyers, card and bank payments
/// (some partial), refunds and credit notes.
enum Scenario {
    static func lines(invoices: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out = Cmd.setup
        for i in 0..<invoices {
            let cents = Int(rng.next() % 90_000) + 1_000
            let price = "\(cents / 100).\(String(format: "%02d", cents % 100))"
            let minute = String(format: "%02d", i % 60), hour = String(format: "%02d", 1 + (i / 60) % 20)
            let at = "2026-05-15T\(hour):\(minute):00Z"
            out.append(Cmd.invoice("I\(i)", price: price, at: at, n: "inv\(i)"))
            switch rng.next() % 5 {
            case 0, 1:
                out.append(Cmd.capture("P\(i)", invoice: "I\(i)", amount: price, at: at, n: "cap\(i)"))
                if rng.next() % 3 == 0 { out.append(Cmd.refund("R\(i)", payment: "P\(i)", amount: "5.00", at: at, n: "ref\(i)")) }
            case 2: out.append(Cmd.transfer("P\(i)", invoice: "I\(i)", amount: "5.00", at: at, n: "tr\(i)"))
            case 3: out.append(Cmd.credit("C\(i)", invoice: "I\(i)", amount: "1.00", at: at, n: "cn\(i)"))
            default: break
            }
        }
        return out
    }
}
