extension FieldReader {
    /// Reads an explicit postings array (events whose postings are decided, not derived).
    mutating func postings(_ key: StaticString) throws(FieldProblem) -> [Posting] {
        var readers = try objectArray(key, countMax: 64)
        var result: [Posting] = []
        for index in readers.indices {
            let account = try readers[index].string("account")
            let currency = try readers[index].currency("currency")
            let amount = try readers[index].amount("amount", currency: currency, sign: .any)
            try readers[index].finish()
            result.append(Posting(account: account, currency: currency, amountMinor: amount.minorUnits))
        }
        return result
    }

    /// Marks derived postings as read: the decoder re-encodes the event and compares bytes, which
    /// checks them against the posting rules.
    mutating func derivedPostings() { skip("postings") }
}
