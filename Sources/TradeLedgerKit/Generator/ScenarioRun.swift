import Money

/// One pass of the generator. With `sink == nil` (the dry run) nothing is formatted, but every
/// random draw and every piece of state is the same as in the real run.
struct ScenarioRun {
    typealias T = ScenarioTables

    enum Kind: Int {
        case registerParty, bindCard, launchSubsidyProgram, recordFxRate, issueInvoice
        case captureCardPayment, recordBankTransfer, refundCardPayment, issueCreditNote
    }

    struct Capture {
        var payment: Int
        var currency: Int
        var captured: Int64
        var refunded: Int64
    }

    struct OpenInvoice {
        var invoice: Int
        var currency: Int
        var open: Int64
    }

    // Subsidy programme terms (HKD, minor units).
    static let programId = "VISA-HKMO-SPRING-2026"
    static let rateBps: Int64 = 300
    static let capMinor: Int64 = 20_000        // HKD 200.00
    static let minSpendMinor: Int64 = 50_000   // HKD 500.00
    static let ringCapacity = 512

    let config: ScenarioGenerator
    let budgetMinor: Int64
    let sink: ((String) -> Void)?
    let seedTag: String

    var rng: SplitMix64
    var lines = 0
    var counts = [Int](repeating: 0, count: 9)
    var invalidCounts = [Int](repeating: 0, count: ScenarioGenerator.InvalidKind.allCases.count)
    var invalidTotal = 0
    /// Business time, milliseconds after 2026-05-15T00:00:00Z; strictly increasing.
    var clock: Int64 = 0
    var lastAtHongKong = false
    var jitterMillis = 3
    var arnSequence: Int64 = 0

    var merchantCategory: [UInt8] = []
    var buyerCountry: [UInt8] = []
    var captures: [Capture] = []
    var captureNext = 0
    var openInvoices: [OpenInvoice] = []
    var openNext = 0
    var lastInvoice: OpenInvoice?
    var eligibleSubsidyMinor: Int64 = 0
    /// The card items emitted, when asked (real run only: the dry run formats no ARNs).
    var cards: GeneratedCards?

    init(_ config: ScenarioGenerator, budgetMinor: Int64, sink: ((String) -> Void)?) {
        self.config = config
        self.budgetMinor = budgetMinor
        self.sink = sink
        self.seedTag = GenFormat.seedTag(config.seed)
        rng = SplitMix64(seed: config.seed)
        arnSequence = Int64(rng.below(1_000_000_000)) * 10
    }

    // MARK: driving

    mutating func run() {
        registerMerchants()
        registerBuyers()
        registerFunders()
        bindCards()
        launchProgram()
        recordRates()
        generatePayments()
    }

    func summary() -> ScenarioGenerator.Summary {
        var commandCounts: [String: Int] = [:]
        for (index, type) in ScenarioGenerator.commandTypes.enumerated() { commandCounts[type] = counts[index] }
        var invalid: [String: Int] = [:]
        for (index, kind) in ScenarioGenerator.InvalidKind.allCases.enumerated() { invalid[kind.rawValue] = invalidCounts[index] }
        return ScenarioGenerator.Summary(
            commandCounts: commandCounts, invalidCommands: invalidTotal, invalidCounts: invalid, lines: lines,
            subsidyBudget: GenFormat.amount(budgetMinor, exponent: 2),
            eligibleSubsidy: GenFormat.amount(eligibleSubsidyMinor, exponent: 2),
            lastAt: GenFormat.time(millisSinceDayStartUTC: clock, hongKong: lastAtHongKong))
    }

    // MARK: emitting

    /// Advances the clock and the line number; returns the envelope's head
    /// (`"type":…,"commandId":…,"at":…`) and the `at` text only when formatting (`sink != nil`).
    mutating func nextHead(_ type: String) -> (head: String, at: String)? {
        clock += 1 + Int64(rng.below(jitterMillis))
        lastAtHongKong = rng.chance(60)
        lines += 1
        guard sink != nil else { return nil }
        let at = GenFormat.time(millisSinceDayStartUTC: clock, hongKong: lastAtHongKong)
        return ("\"type\":\"\(type)\",\"commandId\":\"gen-\(seedTag)-c\(lines)\",\"at\":\"\(at)\"", at)
    }

    /// Emits one valid command; `body` gets the head and builds the line (only in the real run,
    /// so it must not draw random numbers or change state).
    private mutating func emit(_ kind: Kind, _ body: (String) -> String) {
        emitWithAt(kind) { head, _ in body(head) }
    }

    /// `emit`, also passing the line's `at` text to `body`.
    private mutating func emitWithAt(_ kind: Kind, _ body: (String, String) -> String) {
        emitInvalidIfDue()
        counts[kind.rawValue] += 1
        let head = nextHead(ScenarioGenerator.commandTypes[kind.rawValue])
        if let head, let sink { sink(body(head.head, head.at)) }
    }

    private mutating func emitInvalidIfDue() {
        let every = config.invalidEvery
        guard every >= 2, (lines + 1) % every == 0 else { return }
        emitInvalid()
    }

    // MARK: parties and cards

    private mutating func registerMerchants() {
        merchantCategory.reserveCapacity(config.merchants)
        for index in 1...config.merchants {
            let enterprise = rng.chance(35)
            let category = rng.below(T.categories.count)
            merchantCategory.append(UInt8(category))
            let city = rng.pick(T.cities)
            let adjective = rng.pick(T.adjectives)
            let suffix = enterprise ? rng.pick(T.enterpriseSuffixes) : rng.pick(T.smbSuffixes)
            let bps = rng.int(100...300)
            let id = Self.merchantId(index)
            emit(.registerParty) { head in
                "{\(head),\"partyId\":\"\(id)\",\"name\":\"\(city) \(adjective) \(T.categories[category]) \(suffix)\",\"kind\":\"\(enterprise ? "enterprise" : "smb")\",\"roles\":[\"seller\"],\"country\":\"CN\",\"settlementCurrency\":\"CNY\",\"commissionBps\":\(bps)}"
            }
        }
    }

    private mutating func registerBuyers() {
        buyerCountry.reserveCapacity(config.buyers)
        for index in 1...config.buyers {
            let country = rng.weighted(T.buyerCountryWeights)
            buyerCountry.append(UInt8(country))
            let enterprise = rng.chance(40)
            let surname = rng.pick(T.surnames)
            let word = rng.pick(T.buyerWords)
            let suffix = rng.pick(T.buyerSuffixes[country])
            let id = Self.buyerId(index)
            emit(.registerParty) { head in
                "{\(head),\"partyId\":\"\(id)\",\"name\":\"\(surname) \(word) \(suffix)\",\"kind\":\"\(enterprise ? "enterprise" : "smb")\",\"roles\":[\"buyer\"],\"country\":\"\(T.buyerCountries[country])\"}"
            }
        }
    }

    private mutating func registerFunders() {
        emit(.registerParty) { head in
            "{\(head),\"partyId\":\"VISA\",\"name\":\"Visa Worldwide Pte. Limited\",\"kind\":\"enterprise\",\"roles\":[\"funder\"],\"country\":\"SG\"}"
        }
        emit(.registerParty) { head in
            "{\(head),\"partyId\":\"PLATFORM\",\"name\":\"TradeLedger Platform Limited\",\"kind\":\"enterprise\",\"roles\":[\"funder\"],\"country\":\"HK\"}"
        }
    }

    private mutating func bindCards() {
        for index in 1...config.buyers {
            // A Visa network token: 16 digits starting with 4 whose last digit deliberately breaks
            // the Luhn check, so it can never be mistaken for (or pass as) a PAN.
            var payload = "4"
            for _ in 0..<14 { payload.append(Character(Unicode.Scalar(UInt8(48 + rng.below(10))))) }
            let good = GenFormat.luhnCheckDigit(payload)
            let token = payload + String((good + 1 + rng.below(9)) % 10)
            let last4 = GenFormat.padded(Int64(rng.below(10_000)), 4)
            let month = rng.int(1...12)
            let year = rng.int(26...31)
            let expiryMonth = (year == 26 && month <= 5) ? month + 6 : month  // after May 2026
            let expiry = "\(GenFormat.padded(Int64(expiryMonth), 2))/\(year)"
            let requestor: String? = rng.chance(70) ? rng.pick(T.tokenRequestorIds) : nil
            let buyer = Self.buyerId(index)
            cards?.tokens.append(token)
            emit(.bindCard) { head in
                let trid = requestor.map { ",\"tokenRequestorId\":\"\($0)\"" } ?? ""
                return "{\(head),\"bindingId\":\"\(Self.bindingId(index))\",\"partyId\":\"\(buyer)\",\"token\":\"\(token)\",\"panLast4\":\"\(last4)\",\"expiry\":\"\(expiry)\"\(trid)}"
            }
        }
    }

    private mutating func launchProgram() {
        let budget = GenFormat.amount(budgetMinor, exponent: 2)
        emit(.launchSubsidyProgram) { head in
            "{\(head),\"programId\":\"\(Self.programId)\",\"funderId\":\"VISA\",\"currency\":\"HKD\",\"budget\":\"\(budget)\",\"rateBps\":\(Self.rateBps),\"capPerPayment\":\"\(GenFormat.amount(Self.capMinor, exponent: 2))\",\"minSpend\":\"\(GenFormat.amount(Self.minSpendMinor, exponent: 2))\",\"buyerCountries\":[\"HK\",\"MO\"],\"validFrom\":\"2026-05-15\",\"validTo\":\"2026-05-15\"}"
        }
    }

    private mutating func recordRates() {
        for entry in T.fxToCNY {
            let numerator = entry.numerator + Int64(rng.below(entry.jitter))
            let source = rng.pick(T.fxSources)
            let code = T.currencies[entry.currency].code
            // asOf is the command's own business time (the clock after this line's tick).
            emitWithAt(.recordFxRate) { head, asOf in
                "{\(head),\"base\":\"\(code)\",\"quote\":\"CNY\",\"rate\":\"\(GenFormat.rate(numerator))\",\"asOf\":\"\(asOf)\",\"source\":\"\(source)\"}"
            }
        }
    }

    // MARK: payments

    private mutating func generatePayments() {
        let total = config.payments
        guard total > 0 else { return }
        // The trading day runs from the end of set-up to 15:59:59Z (23:59:59 in Hong Kong).
        let dayEnd: Int64 = 16 * 3_600_000 - 1_000
        let start = max(clock + 1, 30 * 60_000)
        let span = max(Int64(total), dayEnd - start)
        let step = span / Int64(total)
        jitterMillis = Int(max(1, min(step / 8, 60_000)))
        for k in 0..<total {
            let nominal = start + Int64(k) * span / Int64(total)
            if clock < nominal { clock = nominal }
            paymentGroup(k + 1)
        }
    }

    private mutating func paymentGroup(_ k: Int) {
        // Invoice.
        let merchant = min(rng.below(config.merchants), rng.below(config.merchants))  // bigger merchants sell more
        let buyer = rng.below(config.buyers)
        let country = Int(buyerCountry[buyer])
        let currency = rng.weighted(T.currencyWeightsByCountry[country])
        let spec = T.currencies[currency]
        let category = Int(merchantCategory[merchant])
        let lineCount = rng.weighted([45, 30, 15, 10]) + 1
        let (lineTexts, invoiceTotal) = invoiceLines(lineCount, category: category, spec: spec)
        let dueDate = T.dueDates[rng.weighted(T.dueDateWeights)]
        let invoiceId = Self.invoiceId(k)
        let sellerId = Self.merchantId(merchant + 1)
        let buyerId = Self.buyerId(buyer + 1)
        emit(.issueInvoice) { head in
            "{\(head),\"invoiceId\":\"\(invoiceId)\",\"sellerId\":\"\(sellerId)\",\"buyerId\":\"\(buyerId)\",\"currency\":\"\(spec.code)\",\"lines\":[\(lineTexts.joined(separator: ","))],\"issueDate\":\"2026-05-15\",\"dueDate\":\"\(dueDate)\"}"
        }

        let amount = pay(k, invoiceId: invoiceId, buyer: buyer, country: country, currency: currency, invoiceTotal: invoiceTotal)
        let invoice = OpenInvoice(invoice: k, currency: currency, open: invoiceTotal - amount)
        lastInvoice = invoice
        if invoice.open > 0 { rememberOpen(invoice) }

        // Now and then a refund of an earlier capture, and a credit note on an open invoice.
        if rng.chance(6) { refundSomething(k) }
        if rng.chance(5) { creditSomething(k) }
    }

    /// The lines of one invoice (`lineCount` of them, in `category`): their JSON text (none in the dry
    /// run) and the invoice total in minor units.
    private mutating func invoiceLines(_ lineCount: Int, category: Int, spec: T.CurrencySpec) -> (texts: [String], total: Int64) {
        var lineTexts: [String] = []
        var invoiceTotal: Int64 = 0
        for _ in 0..<lineCount {
            let product = rng.pick(T.products[category])
            let usdCents: Int64
            switch rng.weighted([30, 45, 20, 5]) {
            case 0: usdCents = Int64(rng.int(50...500))
            case 1: usdCents = Int64(rng.int(500...5_000))
            case 2: usdCents = Int64(rng.int(5_000...50_000))
            default: usdCents = Int64(rng.int(50_000...300_000))
            }
            let quantity: Int64
            switch rng.weighted([50, 35, 15]) {
            case 0: quantity = Int64(rng.int(1...5))
            case 1: quantity = Int64(rng.int(6...50))
            default: quantity = Int64(rng.int(51...500))
            }
            // Price in the invoice currency's minor units (exponent 2 for every table currency,
            // scaled generically in case of another exponent).
            var unit = usdCents * spec.perMilleOfUSD / 1_000
            if spec.exponent != 2 {
                unit = spec.exponent > 2 ? unit * GenFormat.pow10[spec.exponent - 2] : unit / GenFormat.pow10[2 - spec.exponent]
            }
            unit = max(1, unit)
            invoiceTotal += unit * quantity
            if sink != nil {
                lineTexts.append("{\"description\":\"\(product)\",\"quantity\":\(quantity),\"unitPrice\":\"\(GenFormat.amount(unit, exponent: spec.exponent))\"}")
            }
        }
        return (lineTexts, invoiceTotal)
    }

    /// The payment of invoice `k`: full (~85%) or partial, by card (~80%) or bank transfer.
    /// Returns the amount paid.
    private mutating func pay(_ k: Int, invoiceId: String, buyer: Int, country: Int, currency: Int, invoiceTotal: Int64) -> Int64 {
        let spec = T.currencies[currency]
        var amount = invoiceTotal
        if invoiceTotal > 1 && rng.chance(15) {
            amount = max(1, min(invoiceTotal - 1, invoiceTotal * Int64(rng.int(30...90)) / 100))
        }
        let amountText = GenFormat.amount(amount, exponent: spec.exponent)
        let paymentId = Self.paymentId(k)
        if rng.chance(80) {
            let arn = nextARN()
            let auth = authCode()
            let transactionId = String(Int64(rng.below(900_000_000_000_000)) + 100_000_000_000_000)
            let bindingId = Self.bindingId(buyer + 1)
            emit(.captureCardPayment) { head in
                "{\(head),\"paymentId\":\"\(paymentId)\",\"invoiceId\":\"\(invoiceId)\",\"bindingId\":\"\(bindingId)\",\"amount\":\"\(amountText)\",\"currency\":\"\(spec.code)\",\"arn\":\"\(arn)\",\"authCode\":\"\(auth)\",\"visaTransactionId\":\"\(transactionId)\"}"
            }
            if currency == T.hkd && country <= 1 && amount >= Self.minSpendMinor {
                eligibleSubsidyMinor += min(GenFormat.divideHalfEven(amount * Self.rateBps, by: 10_000), Self.capMinor)
            }
            remember(Capture(payment: k, currency: currency, captured: amount, refunded: 0))
            cards?.items.append(GeneratedCards.Item(kind: .capture, payment: k, itemId: paymentId, arn: arn,
                                                    visaTransactionId: transactionId, authCode: auth, buyer: buyer,
                                                    currency: currency, amount: amount))
        } else {
            let bank = rng.pick(T.banks)
            let reference = "\(bank) TT \(GenFormat.base36(k * 7_919 + rng.below(7_919)))"
            emit(.recordBankTransfer) { head in
                "{\(head),\"paymentId\":\"\(paymentId)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"\(amountText)\",\"currency\":\"\(spec.code)\",\"bankReference\":\"\(reference)\"}"
            }
        }
        return amount
    }

    private mutating func refundSomething(_ k: Int) {
        guard !captures.isEmpty else { return }
        let slot = rng.below(captures.count)
        let capture = captures[slot]
        let left = capture.captured - capture.refunded
        guard left > 0 else { return }
        let amount = (left == 1 || rng.chance(40)) ? left : Int64(rng.int(1...Int(left - 1)))
        captures[slot].refunded += amount
        let arn = nextARN()
        let spec = T.currencies[capture.currency]
        let refundId = "RF-\(GenFormat.padded(Int64(k), 7))"
        let paymentId = Self.paymentId(capture.payment)
        cards?.items.append(GeneratedCards.Item(kind: .refund, payment: capture.payment, itemId: refundId, arn: arn,
                                                visaTransactionId: "", authCode: "", buyer: -1, currency: capture.currency,
                                                amount: amount))
        emit(.refundCardPayment) { head in
            "{\(head),\"refundId\":\"\(refundId)\",\"paymentId\":\"\(paymentId)\",\"amount\":\"\(GenFormat.amount(amount, exponent: spec.exponent))\",\"currency\":\"\(spec.code)\",\"arn\":\"\(arn)\"}"
        }
    }

    private mutating func creditSomething(_ k: Int) {
        guard !openInvoices.isEmpty else { return }
        let slot = rng.below(openInvoices.count)
        let invoice = openInvoices[slot]
        guard invoice.open > 0 else { return }
        let amount = (invoice.open == 1 || rng.chance(50)) ? invoice.open : Int64(rng.int(1...Int(invoice.open - 1)))
        openInvoices[slot].open -= amount
        if lastInvoice?.invoice == invoice.invoice { lastInvoice!.open -= amount }
        let reason = rng.pick(T.creditNoteReasons)
        let spec = T.currencies[invoice.currency]
        let creditNoteId = "CN-\(GenFormat.padded(Int64(k), 7))"
        let invoiceId = Self.invoiceId(invoice.invoice)
        emit(.issueCreditNote) { head in
            "{\(head),\"creditNoteId\":\"\(creditNoteId)\",\"invoiceId\":\"\(invoiceId)\",\"amount\":\"\(GenFormat.amount(amount, exponent: spec.exponent))\",\"currency\":\"\(spec.code)\",\"reason\":\"\(reason)\"}"
        }
    }

    private mutating func remember(_ capture: Capture) {
        if captures.count < Self.ringCapacity {
            captures.append(capture)
        } else {
            captures[captureNext] = capture
            captureNext = (captureNext + 1) % Self.ringCapacity
        }
    }

    private mutating func rememberOpen(_ invoice: OpenInvoice) {
        if openInvoices.count < Self.ringCapacity {
            openInvoices.append(invoice)
        } else {
            openInvoices[openNext] = invoice
            openNext = (openNext + 1) % Self.ringCapacity
        }
    }

    // MARK: identifiers

    static func merchantId(_ index: Int) -> String { "M\(GenFormat.padded(Int64(index), 5))" }
    static func buyerId(_ index: Int) -> String { "B\(GenFormat.padded(Int64(index), 6))" }
    static func bindingId(_ buyerIndex: Int) -> String { "CARD-B\(GenFormat.padded(Int64(buyerIndex), 6))" }
    static func invoiceId(_ k: Int) -> String { "INV-\(GenFormat.padded(Int64(k), 7))" }
    static func paymentId(_ k: Int) -> String { "PAY-\(GenFormat.padded(Int64(k), 7))" }

    /// ARN: format code 7, acquirer BIN (6), YDDD "6135" (2026, day 135 = 15 May), an 11-digit
    /// sequence, Luhn check digit: 23 digits.
    mutating func nextARN() -> String {
        let bin = rng.pick(T.acquirerBINs)
        arnSequence = (arnSequence + 1 + Int64(rng.below(7))) % 100_000_000_000
        guard sink != nil else { return "" }
        let payload = "7\(bin)6135\(GenFormat.padded(arnSequence, 11))"
        return payload + String(GenFormat.luhnCheckDigit(payload))
    }

    mutating func authCode() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(6)
        for _ in 0..<6 { bytes.append(T.authAlphabet[rng.below(T.authAlphabet.count)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
