import Money

/// The posting rules of DOMAIN.md's command table that more than one event shares.
enum PostingRules {
    /// A collected payment (card capture or bank transfer): Dr `cashAccount` amount; Cr buyer
    /// receivable amount; Dr merchant pending amount; Cr merchant payable (amount − commission);
    /// Cr platform commission.
    static func collection(cashAccount: String, buyerId: String, sellerId: String, amount: Amount,
                           commission: Amount) -> [Posting] {
        var list = PostingList()
        list.debit(cashAccount, amount)
        list.credit(Account.buyerReceivable(buyerId), amount)
        list.debit(Account.merchantPending(sellerId), amount)
        list.credit(Account.merchantPayable(sellerId), amount - commission)
        list.credit(Account.platformCommission, commission)
        return list.postings
    }

    /// Money received in `received` against a receivable booked in `owed` (another currency or
    /// another amount): through fx/position when the currencies differ, the difference to
    /// recon/suspense when the currency is the same but the amounts differ.
    static func crossCurrency(debit debitAccount: String, received: Amount, credit creditAccount: String, owed: Amount) -> [Posting] {
        var list = PostingList()
        if received.currency == owed.currency {
            list.debit(debitAccount, received)
            list.credit(creditAccount, owed)
            let difference = owed - received
            if difference.isPositive { list.debit(Account.reconSuspense, difference) }
            if difference.isNegative { list.credit(Account.reconSuspense, -difference) }
        } else {
            list.debit(debitAccount, received)
            list.credit(Account.fxPosition, received)
            list.debit(Account.fxPosition, owed)
            list.credit(creditAccount, owed)
        }
        return list.postings
    }
}
