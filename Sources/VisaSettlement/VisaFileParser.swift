/// The reader's state machine: one call per 168-byte record, in file order.
///
/// Grouping (VISA-FILE.md, common prefix): a transaction starts at a TCR 0 or when the TC changes,
/// and owns the TCRs that follow; TCR numbers ascend and may skip. Trailers are checked against
/// `VisaTrailerTotals` kept for the current batch and the whole file.
struct VisaFileParser<Visitor: VisaFileVisitor> {
    /// Used for year inference when the header is missing or broken (the file is rejected anyway).
    static var fallbackProcessingDate: VisaDate { VisaDate(year: 2000, month: 1, day: 1) }

    var visitor: Visitor
    var log = VisaErrorLog()
    var header: VisaHeader?
    var reference = fallbackProcessingDate
    var recordCount = 0
    var skippedByTC = [Int](repeating: 0, count: 100)
    var trailers: [VisaTrailer] = []
    var batch = VisaTrailerTotals()
    var file = VisaTrailerTotals()
    var batchTrailers: Int64 = 0
    var fileTrailerRecord: Int?
    /// Checked sums over the file's fields (`VisaFileParser+Sums.swift`).
    var arithmetic = VisaSettlementArithmetic()
    var reportedNets = VisaReportedNets()
    var destinationTotals = VisaDestinationTotals()
    var group = Group()

    struct Group {
        var tc = -1
        var lastTCR = -1
        var draft: VisaDraft?
        var fee: VisaFeeCollection?
    }

    init(visitor: Visitor) {
        self.visitor = visitor
    }

    var stopped: Bool { log.limitReached }

    /// A record whose bytes are not 168 long: counted, not decoded, and leaves the current
    /// transaction open (so one bad line yields one error).
    mutating func consumeMalformed(record: Int) {
        recordCount = record
        if record > 1 { batch.records += 1; file.records += 1 }
    }

    mutating func consume(base: UnsafePointer<UInt8>, record: Int) {
        recordCount = record
        var fields = VisaFieldReader(base: base, record: record, reference: reference)
        if let trailerRecord = fileTrailerRecord {
            if trailerRecord == record - 1 {
                fields.fail(1, 2, "tc", "no record after the TC 92 file trailer (record \(trailerRecord))")
                log.add(contentsOf: fields.errors)
            }
            return
        }
        if record == 1, fields.matches(1, "90") {
            decodeHeader(&fields)
            log.add(contentsOf: fields.errors)
            return
        }
        if record == 1 {
            fields.fail(1, 2, "tc", "a TC 90 file header as the first record")
        }
        batch.records += 1
        file.records += 1
        consumeBody(&fields)
        log.add(contentsOf: fields.errors)
    }

    private mutating func consumeBody(_ fields: inout VisaFieldReader) {
        guard let tcValue = fields.number(1, 2, "tc") else { closeGroup(); return }
        let tc = Int(tcValue)
        switch tc {
        case 90:
            closeGroup()
            fields.fail(1, 2, "tc", "one TC 90 header, in record 1 only")
            return
        case VisaTrailer.Code.batch.rawValue, VisaTrailer.Code.file.rawValue:
            closeGroup()
            decodeTrailer(&fields, tc: tc)
            return
        default:
            break
        }
        guard let tcr = Self.tcrSequence(fields.byte(4)) else {
            closeGroup()
            fields.fail(4, 4, "tcrSequence", "a TCR sequence number 0-9 or A-E")
            return
        }
        if tcr == 0 || tc != group.tc {
            closeGroup()
            group.tc = tc
            batch.startTransaction(tc: tc)
            file.startTransaction(tc: tc)
            if tcr != 0, Self.isDecoded(tc: tc) {
                fields.fail(4, 4, "tcrSequence", "TCR 0 first: a TC \(tcText(tc)) transaction starts with TCR 0")
            }
        } else if tcr <= group.lastTCR {
            fields.fail(4, 4, "tcrSequence",
                        "TCR numbers ascending within a transaction: TCR \(tcr) after TCR \(group.lastTCR)")
            return
        }
        group.lastTCR = tcr
        dispatch(&fields, tc: tc, tcr: tcr)
    }

    private mutating func dispatch(_ fields: inout VisaFieldReader, tc: Int, tcr: Int) {
        if let code = VisaDraftCode(rawValue: tc) {
            switch tcr {
            case 0: group.draft = decodeDraftTCR0(&fields, code: code)
            case 1: attachDraftTCR1(&fields)
            case 5: attachDraftTCR5(&fields)
            default: break  // other draft TCRs carry nothing the ledger uses
            }
        } else if let code = VisaFeeCollection.Code(rawValue: tc) {
            if tcr == 0 { group.fee = decodeFeeCollection(&fields, code: code) }
        } else if tc == Self.vssTC, tcr == 0, Self.isVSS110(fields) {
            if let line = decodeVSS110(&fields) { visitor.visit(vss110: line) }
        } else {
            skippedByTC[tc] += 1
        }
    }

    /// Hands the finished transaction to the visitor.
    mutating func closeGroup() {
        if let draft = group.draft { visitor.visit(transaction: .draft(draft)) }
        if let fee = group.fee { visitor.visit(transaction: .feeCollection(fee)) }
        group = Group()
    }

    static var vssTC: Int { 46 }

    static func isDecoded(tc: Int) -> Bool {
        VisaDraftCode(rawValue: tc) != nil || VisaFeeCollection.Code(rawValue: tc) != nil
    }

    static func isVSS110(_ fields: VisaFieldReader) -> Bool {
        fields.matches(59, "V2110")
    }

    /// 0-9, A-E → 0...14.
    static func tcrSequence(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x45: return Int(byte - 0x41) + 10
        default: return nil
        }
    }

    func tcText(_ tc: Int) -> String { tc < 10 ? "0\(tc)" : "\(tc)" }

    var skipped: [String: Int] {
        var result: [String: Int] = [:]
        for (tc, count) in skippedByTC.enumerated() where count > 0 { result[tcText(tc)] = count }
        return result
    }
}
