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
    var captures = RecentRing<Capture>(capacity: ScenarioRun.ringCapacity)
    var openInvoices = RecentRing<OpenInvoice>(capacity: ScenarioRun.ringCapacity)
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
    mutating func emit(_ kind: Kind, _ body: (String) -> String) {
        emitWithAt(kind) { head, _ in body(head) }
    }

    /// `emit`, also passing the line's `at` text to `body`.
    mutating func emitWithAt(_ kind: Kind, _ body: (String, String) -> String) {
        emitInvalidIfDue()
        counts[kind.rawValue] += 1
        let head = nextHead(ScenarioGenerator.commandTypes[kind.rawValue])
        if let head, let sink { sink(body(head.head, head.at)) }
    }

    mutating func emitInvalidIfDue() {
        let every = config.invalidEvery
        guard every >= 2, (lines + 1) % every == 0 else { return }
        emitInvalid()
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
