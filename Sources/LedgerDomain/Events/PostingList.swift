import Money

/// Builds balanced postings, leaving out zero legs.
struct PostingList {
    private(set) var postings: [Posting] = []

    mutating func debit(_ account: String, _ amount: Amount) {
        if !amount.isZero { postings.append(.debit(account, amount)) }
    }

    mutating func credit(_ account: String, _ amount: Amount) {
        if !amount.isZero { postings.append(.credit(account, amount)) }
    }
}
