import Money

/// The postings invariant: for every currency, one event's postings sum to zero.
public enum Postings {
    public struct Unbalanced: Error, Equatable, Sendable, CustomStringConvertible {
        public let currency: Currency
        /// The non-zero sum, in minor units (`Int128`: a sum of many `Int64` never overflows here).
        public let sumMinor: Int128
        public var description: String { "postings do not balance in \(currency): they sum to \(sumMinor) minor units" }
    }

    /// Throws when some currency's postings do not sum to zero.
    public static func checkBalanced(_ postings: [Posting]) throws(Unbalanced) {
        if postings.isEmpty { return }
        var sums: [(Currency, Int128)] = []
        for posting in postings {
            if let index = sums.firstIndex(where: { $0.0 == posting.currency }) {
                sums[index].1 += Int128(posting.amountMinor)
            } else {
                sums.append((posting.currency, Int128(posting.amountMinor)))
            }
        }
        for (currency, sum) in sums where sum != 0 { throw Unbalanced(currency: currency, sumMinor: sum) }
    }

    static func write(_ postings: [Posting], to writer: inout CanonicalJSONWriter) {
        writer.key("postings")
        writer.beginArray()
        for posting in postings {
            writer.beginObject()
            writer.field("account", posting.account)
            writer.field("amount", posting.amount)
            writer.field("currency", posting.currency)
            writer.endObject()
        }
        writer.endArray()
    }
}
