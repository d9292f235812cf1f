import Money
import VisaSettlement

/// One case of `VisaStructuredFuzz`: a file being written, the oracle fed the same records as
/// numbered by the writer, then the reader's verdict checked against both.
struct VisaStructuredCase {
    var random: SplitMix64
    var writer: VisaFileWriter
    var oracle = VisaSumOracle()
    let ebcdic: Bool
    var sequence = 0

    init(random: SplitMix64) {
        self.random = random
        let formats: [VisaFileFormat] = [.fixed, .lines(.lf), .lines(.crlf)]
        let format = formats[self.random.below(formats.count)]
        ebcdic = self.random.below(8) == 0
        writer = VisaFileWriter(header: VisaSamples.header, format: format)
    }

    mutating func pickCurrency() -> VisaCurrency {
        if random.below(4) == 0 { return VisaCurrency.all[random.below(VisaCurrency.all.count)] }
        return VisaStructuredFuzz.currencies[random.below(VisaStructuredFuzz.currencies.count)]
    }

    mutating func append(_ draft: VisaDraft) {
        oracle.add(writer.append(draft))
        sequence += 1
    }

    mutating func append(_ fee: VisaFeeCollection) { oracle.add(writer.append(fee)) }
    mutating func append(_ line: VisaVSS110Line) { oracle.add(writer.append(line)) }

    mutating func draft(_ code: VisaDraftCode, destination: (Int64, VisaCurrency), tcr1: Bool, tcr5: Bool)
        -> VisaDraft {
        let source = pickCurrency()
        var d = VisaSamples.draft(code, source: (VisaStructuredFuzz.amount(&random, source), source),
                                  destination: destination, tcr1: tcr1, tcr5: tcr5, sequence: sequence)
        d.tcr5?.authorizedAmount = VisaStructuredFuzz.amount(&random, source)
        return d
    }

    static func line(_ type: VisaVSS110Line.AmountType, _ currency: VisaCurrency, net: Int64, sign: VisaVSS110Line.NetSign,
                     count: Int64 = 0, credit: Int64 = 0, debit: Int64 = 0) -> VisaVSS110Line {
        VisaVSS110Line(record: 0, settlementEntityId: "1000012345", currency: currency,
                       settlementDate: VisaSamples.processingDate, amountType: type, count: count, credit: credit,
                       debit: debit, net: net, netSign: sign, fundsTransferDate: VisaSamples.processingDate)
    }

    /// Records of maximal values up to either side of a sum's 64-bit limit.
    mutating func addHeavy(_ shape: VisaStructuredFuzz.Heavy) {
        let around = random.below(5) - 2  // -2...2 around the last summand that fits
        switch shape {
        case .fees:
            let currency = pickCurrency(), sign: VisaFeeSign = random.below(2) == 0 ? .debit : .credit
            for _ in 0..<(VisaStructuredFuzz.maximalSummandsThatFit + 1 + around) {
                var d = draft(.purchase, destination: (0, currency), tcr1: false, tcr5: true)
                d.tcr5?.interchangeFeeMicros = VisaLimits.amount15Max
                d.tcr5?.interchangeFeeSign = sign
                append(d)
            }
        case .reportedNets:
            let currency = pickCurrency(), sign: VisaVSS110Line.NetSign = random.below(2) == 0 ? .debit : .credit
            let type = VisaVSS110Line.AmountType.allCases[random.below(4)]
            for _ in 0..<(VisaStructuredFuzz.maximalSummandsThatFit + 1 + around) {
                append(Self.line(type, currency, net: VisaLimits.amount15Max, sign: sign))
            }
        case .totalNet:
            for _ in 0..<VisaStructuredFuzz.maximalSummandsThatFit {
                append(Self.line(.visaCharges, .usd, net: VisaLimits.amount15Max, sign: .credit))
            }
            for _ in 0..<(VisaStructuredFuzz.purchasesBesideCharges + 1 + around) {
                append(draft(.purchase, destination: (VisaLimits.amount12Max, .usd), tcr1: false, tcr5: false))
            }
        case .interchangeNet:
            let clf = VisaStructuredFuzz.clf
            for _ in 0..<(VisaStructuredFuzz.clfAmountsThatFit + 1 + around) {
                append(draft(.purchase, destination: (VisaLimits.amount12Max * 100, clf), tcr1: false, tcr5: false))
            }
        }
    }

    /// `count` records of every kind with extreme values.
    mutating func addLight(count: Int) {
        for _ in 0..<count {
            let roll = random.below(100)
            if roll < 45 {
                let code = VisaDraftCode.allCases[random.below(VisaDraftCode.allCases.count)]
                let currency = pickCurrency()
                var d = draft(code, destination: (VisaStructuredFuzz.amount(&random, currency), currency),
                              tcr1: random.below(2) == 0, tcr5: random.below(10) < 7)
                d.tcr5?.interchangeFeeMicros = VisaStructuredFuzz.value15(&random)
                d.tcr5?.interchangeFeeSign = random.below(2) == 0 ? .debit : .credit
                append(d)
            } else if roll < 60 {
                let destination = pickCurrency(), source = pickCurrency()
                var f = VisaSamples.fee(random.below(2) == 0 ? .feeCollection : .fundsDisbursement,
                                        amount: (VisaStructuredFuzz.amount(&random, destination), destination))
                f.sourceAmount = VisaStructuredFuzz.amount(&random, source)
                f.sourceCurrency = source
                append(f)
            } else if roll < 85 {
                let type = VisaVSS110Line.AmountType.allCases[random.below(4)]
                append(Self.line(type, pickCurrency(), net: VisaStructuredFuzz.value15(&random),
                                 sign: random.below(2) == 0 ? .debit : .credit,
                                 count: VisaStructuredFuzz.value15(&random), credit: VisaStructuredFuzz.value15(&random),
                                 debit: VisaStructuredFuzz.value15(&random)))
            } else if roll < 92 {
                let skipped = ["3300", "4400", "4500"][random.below(3)]
                writer.appendSkipped(record: VisaSamples.record([(1, skipped)]))
            } else {
                writer.appendBatchTrailer()
            }
        }
    }

    /// Finishes the file, reads it and checks the verdict; `failures` gets what is wrong.
    mutating func check(into report: inout VisaStructuredFuzz.Report, failures: inout [String]) {
        let ascii = writer.finish()
        var model = writer.file
        model.isEBCDIC = ebcdic
        oracle.finish(trailer: model.recordCount)
        report.cases += 1
        report.records += model.recordCount
        switch VisaFileReader.read(ebcdic ? VisaEBCDIC.encode(ascii) : ascii) {
        case .success(let file):
            report.parsed += 1
            if !oracle.expected.isEmpty { failures.append("accepted; expected errors \(oracle.expected)") }
            if file != model { failures.append("the file read back differs from the model written") }
            checkNets(file, &failures)
        case .failure(let rejection):
            report.rejected += 1
            let found = rejection.errors.map {
                VisaSumOracle.Located(record: $0.record, positions: $0.positions, field: $0.field)
            }
            if found != oracle.expected { failures.append("errors \(found), expected \(oracle.expected)") }
        }
    }

    /// The net check and the inspection totals of a parsed file against the oracle.
    func checkNets(_ file: VisaFile, _ failures: inout [String]) {
        let checks: [VisaNetCheck]
        do { checks = try VisaNetCheck.checks(file) } catch {
            failures.append("net check threw \(error) on an accepted file")
            return
        }
        if Set(checks.map(\.currency)) != oracle.currencies { failures.append("net check currencies differ") }
        for c in checks {
            let currency = c.currency
            let expected: [(String, Int64, Int128?)] = [
                ("I computed", c.interchange.computed, oracle.interchange(currency)),
                ("F computed", c.fees.computed, oracle.fees(currency)),
                ("T computed", c.total.computed, oracle.total(currency)),
                ("C", c.charges, oracle.reported(currency, .visaCharges)),
                ("I reported", c.interchange.reported, oracle.reported(currency, .interchange)),
                ("F reported", c.fees.reported, oracle.reported(currency, .reimbursementFees)),
                ("T reported", c.total.reported, oracle.reported(currency, .total)),
            ]
            for (name, found, wanted) in expected where wanted != Int128(found) {
                failures.append("\(currency) \(name) \(found), oracle \(wanted.map { "\($0)" } ?? "overflow")")
            }
        }
        let text = VisaInspection(fileId: "fuzz", result: .success(file)).text
        for key in oracle.destinationKeys {
            let parts = key.split(separator: " ").map(String.init)  // "D", tc, currency
            guard let currency = VisaCurrency.find(code: parts[2]),
                  let total = oracle.destinationTotal(tc: parts[1], currency).flatMap({ Int64(exactly: $0) }) else {
                failures.append("oracle total \(key) overflowed in an accepted file")
                continue
            }
            let entry = " \(currency.code) \(VisaAmount.decimal(total, currency))"
            let line = text.split(separator: "\n").first { $0.hasPrefix("  TC \(parts[1])  ") }
            if !(line?.split(separator: ",").contains { $0.hasSuffix(entry) } ?? false) {
                failures.append("the summary lacks TC \(parts[1]) \(currency.code) \(total)")
            }
        }
    }
}
