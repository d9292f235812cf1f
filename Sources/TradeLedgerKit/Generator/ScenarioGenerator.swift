import Foundation
import Money

/// A deterministic NDJSON command stream for one realistic cross-border trading day (2026-05-15):
/// Chinese merchants selling to buyers in Hong Kong, Macau, Taiwan and overseas, paid by Visa card
/// (network tokens) or bank transfer, with refunds, credit notes, a Visa-funded HKD subsidy
/// programme for HK/MO buyers whose budget runs out late in the day, and a sprinkling of invalid
/// commands that a ledger must reject.
///
/// Same parameters → the same bytes, on every platform (integer arithmetic, SplitMix64).
/// Memory is bounded: lines are streamed out; the only state kept is one byte per buyer and
/// merchant plus two fixed-size rings (recent captures for refunds, recent open invoices for
/// credit notes).
///
/// Order: RegisterParty (merchants, buyers, funders VISA and PLATFORM), BindCard (one per buyer),
/// LaunchSubsidyProgram, RecordFxRate (HKD, USD, TWD, MOP → CNY), then per payment an IssueInvoice
/// followed by a CaptureCardPayment (~80%) or RecordBankTransfer (~20%), interleaved with
/// RefundCardPayment and IssueCreditNote for earlier payments and invoices.
/// Every `invalidEvery`-th line is an invalid command of a rotating kind (see `InvalidKind`); no
/// later command refers to anything an invalid command names.
public struct ScenarioGenerator: Sendable {
    public let merchants: Int
    public let buyers: Int
    public let payments: Int
    public let seed: UInt64
    /// Every `invalidEvery`-th line is invalid; below 2 means no invalid lines.
    public let invalidEvery: Int

    public init(merchants: Int, buyers: Int, payments: Int, seed: UInt64, invalidEvery: Int = 200) {
        precondition(merchants >= 1, "need at least one merchant")
        precondition(buyers >= 1, "need at least one buyer")
        precondition(payments >= 0, "payments must not be negative")
        self.merchants = merchants
        self.buyers = buyers
        self.payments = payments
        self.seed = seed
        self.invalidEvery = invalidEvery
    }

    /// The command types, in the order of `Summary.commandCounts`' documentation.
    public static let commandTypes = [
        "RegisterParty", "BindCard", "LaunchSubsidyProgram", "RecordFxRate", "IssueInvoice",
        "CaptureCardPayment", "RecordBankTransfer", "RefundCardPayment", "IssueCreditNote",
    ]

    /// The kinds of invalid command, emitted in this rotation.
    public enum InvalidKind: String, CaseIterable, Sendable {
        case badAmountPrecision = "bad_amount_precision"
        case unknownField = "unknown_field"
        case missingField = "missing_field"
        case paymentExceedsOpenAmount = "payment_exceeds_open_amount"
        case refundOfUnknownPayment = "refund_of_unknown_payment"
        case malformedJSON = "malformed_json"
        case panField = "pan_field"
        case badARNCheckDigit = "bad_arn_check_digit"
    }

    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// Valid commands per type name (every type of `ScenarioGenerator.commandTypes` is present).
        public var commandCounts: [String: Int]
        /// Invalid lines emitted, in total and per `InvalidKind.rawValue`.
        public var invalidCommands: Int
        public var invalidCounts: [String: Int]
        /// All lines written (valid + invalid).
        public var lines: Int
        /// The subsidy programme's budget and the subsidy all eligible captures would earn (HKD).
        public var subsidyBudget: String
        public var eligibleSubsidy: String
        /// Business time of the last command (RFC 3339).
        public var lastAt: String

        public var validCommands: Int { commandCounts.values.reduce(0, +) }

        public var description: String {
            var text = "lines: \(lines) (valid \(validCommands), invalid \(invalidCommands))\n"
            for type in ScenarioGenerator.commandTypes { text += "  \(type): \(commandCounts[type] ?? 0)\n" }
            for kind in InvalidKind.allCases where (invalidCounts[kind.rawValue] ?? 0) > 0 {
                text += "  invalid \(kind.rawValue): \(invalidCounts[kind.rawValue]!)\n"
            }
            text += "subsidy budget HKD \(subsidyBudget) of \(eligibleSubsidy) eligible; last at \(lastAt)"
            return text
        }
    }

    public enum WriteError: Error, CustomStringConvertible {
        case cannotCreate(String)
        public var description: String {
            switch self {
            case .cannotCreate(let path): return "cannot create \(path)"
            }
        }
    }

    /// Streams every line (without its newline) to `emit`, in order.
    @discardableResult
    public func generate(_ emit: (String) -> Void) -> Summary {
        generate(recordingCards: false, emit).summary
    }

    /// `generate`, also returning (when `recordingCards`) every valid card capture and refund
    /// with the keys a Visa file presents, for `SettlementFileGenerator`.
    func generate(recordingCards: Bool, _ emit: (String) -> Void) -> (summary: Summary, cards: GeneratedCards?) {
        // A dry run first (nothing formatted) measures the subsidy the day's eligible captures
        // would earn, so the budget can be sized to run out late in the day. Both runs draw the
        // same random numbers: nothing random depends on the budget.
        var dry = ScenarioRun(self, budgetMinor: 0, sink: nil)
        dry.run()
        let eligible = dry.eligibleSubsidyMinor
        // 88% of the eligible subsidy, in whole hundreds of HKD, at least HKD 1,000.00.
        let budget = max(100_000, eligible * 88 / 100 / 10_000 * 10_000)
        return withoutActuallyEscaping(emit) { sink in
            var real = ScenarioRun(self, budgetMinor: budget, sink: sink)
            if recordingCards { real.cards = GeneratedCards(budgetMinor: budget) }
            real.run()
            precondition(real.eligibleSubsidyMinor == eligible, "dry and real runs diverged")
            return (real.summary(), real.cards)
        }
    }

    /// Writes the NDJSON lines to `commandsPath` (created or truncated), buffered.
    @discardableResult
    public func write(to commandsPath: String) throws -> Summary {
        try write(to: commandsPath, recordingCards: false).summary
    }

    func write(to commandsPath: String, recordingCards: Bool) throws -> (summary: Summary, cards: GeneratedCards?) {
        guard FileManager.default.createFile(atPath: commandsPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: commandsPath) else {
            throw WriteError.cannotCreate(commandsPath)
        }
        defer { try? handle.close() }
        let flushAt = 1 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushAt + 4_096)
        var failure: (any Error)?
        let generated = generate(recordingCards: recordingCards) { line in
            guard failure == nil else { return }
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            if buffer.count >= flushAt {
                do { try handle.write(contentsOf: buffer) } catch { failure = error }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if let failure { throw failure }
        if !buffer.isEmpty { try handle.write(contentsOf: buffer) }
        return generated
    }
}
