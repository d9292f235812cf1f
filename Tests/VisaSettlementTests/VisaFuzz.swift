import Money
import VisaSettlement

/// Seeded random mutations of small valid files: byte flips, truncations, insertions, deletions and
/// record swaps. The reader must never crash or hang, and must return either a parse or errors
/// that are located (record ≥ 1, positions non-empty, at most `errorsMax`). The suite runs it
/// briefly; `VISA_FUZZ_SOAK=1` runs more cases (`VisaFuzzTests`). Its structure-aware sibling is
/// `VisaStructuredFuzz`.
enum VisaFuzz {
    /// Mutations applied to one case: 1...this many.
    static let mutationsPerCaseMax = 3
    /// Bytes inserted by one insertion: 1...this many.
    static let insertedBytesMax = 8
    /// Violations kept in the report.
    static let violationsMax = 20
    static let interestingBytes: [UInt8] = Array("0123456789 ABCDEVTCRDB".utf8) + [0x0A, 0x0D, 0x00, 0xFF, 0x7F]

    struct Report: Sendable, CustomStringConvertible {
        var cases = 0
        var parsed = 0
        var rejected = 0
        /// Descriptions of broken invariants (at most `violationsMax`); empty when all is well.
        var violations: [String] = []

        var description: String {
            "\(cases) cases: \(parsed) parsed, \(rejected) rejected, \(violations.count) violations"
        }
    }

    /// Runs `cases` mutated files from `seed`; deterministic for a seed.
    static func run(cases: Int, seed: UInt64) -> Report {
        precondition(cases >= 0, "a count of cases")
        var random = SplitMix64(seed: seed)
        let bases = baseFiles(seed: seed)
        var report = Report()
        for index in 0..<cases {
            var bytes = bases[random.below(bases.count)]
            let mutations = 1 + random.below(mutationsPerCaseMax)
            for _ in 0..<mutations { mutate(&bytes, &random) }
            check(bytes, index: index, seed: seed, into: &report)
        }
        return report
    }

    /// Small valid files of every framing and record kind, one of them EBCDIC.
    static func baseFiles(seed: UInt64) -> [[UInt8]] {
        var files: [[UInt8]] = []
        let formats: [VisaFileFormat] = [.fixed, .lines(.lf), .lines(.crlf)]
        for (i, format) in formats.enumerated() {
            files.append(VisaFileWriter.generate(drafts: 1 + i % 2, seed: seed &+ UInt64(i), format: format))
            var random = SplitMix64(seed: seed &+ 100 &+ UInt64(i))
            let header = VisaHeader(processingBIN: "412345", processingDate: VisaDate(year: 2026, month: 5, day: 15),
                                    isTest: false, fileId: "002")
            var writer = VisaFileWriter(header: header, format: format, keepsModel: false)
            var draft = VisaFileWriter.generatedDraft(index: i, processingDate: header.processingDate, random: &random)
            draft.tcr1 = nil
            writer.append(draft)
            writer.append(VisaFeeCollection(
                record: 0, code: .fundsDisbursement, destinationBIN: "412345", sourceBIN: "400000", reasonCode: "5300",
                eventDate: header.processingDate, destinationAmount: 1_000, destinationCurrency: .jpy,
                sourceAmount: 1_230, sourceCurrency: .kwd, messageText: "SUBSIDY P1", transactionId: "1",
                centralProcessingDate: header.processingDate))
            writer.appendSkipped(record: [0x34, 0x35, 0x30, 0x30] + [UInt8](repeating: 0x20, count: 164))
            files.append(writer.finish())
        }
        files.append(VisaEBCDIC.encode(files[0]))
        return files
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let record = VisaLimits.recordBytes
        switch random.below(6) {
        case 0, 1:  // byte flip
            guard !bytes.isEmpty else { return }
            let value = random.below(2) == 0 ? interestingBytes[random.below(interestingBytes.count)]
                : UInt8(truncatingIfNeeded: random.next())
            bytes[random.below(bytes.count)] = value
        case 2:  // truncation
            bytes.removeLast(random.below(bytes.count + 1))
        case 3:  // insertion
            let at = random.below(bytes.count + 1)
            let inserted = (0..<(1 + random.below(insertedBytesMax))).map { _ in
                interestingBytes[random.below(interestingBytes.count)]
            }
            bytes.insert(contentsOf: inserted, at: at)
        case 4:  // deletion
            guard !bytes.isEmpty else { return }
            let at = random.below(bytes.count)
            bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(record)))
        default:  // record swap (fixed-block stride; for lines it swaps misaligned chunks, also fine)
            let count = bytes.count / record
            guard count >= 2 else { return }
            let a = random.below(count), b = random.below(count)
            guard a != b else { return }
            for i in 0..<record { bytes.swapAt(a * record + i, b * record + i) }
        }
    }

    /// Checks framing, errors and trailers; a file that parses is also inspected (net check and
    /// summary), which must not throw or trap.
    static func check(_ bytes: [UInt8], index: Int, seed: UInt64, into report: inout Report) {
        report.cases += 1
        func violation(_ what: String) {
            if report.violations.count < violationsMax { report.violations.append("seed \(seed) case \(index): \(what)") }
        }
        switch VisaFileReader.read(bytes) {
        case .success(let file):
            report.parsed += 1
            if file.recordCount < 2 || file.trailers.last?.code != .file { violation("parse without a file trailer") }
            do { _ = try VisaNetCheck.checks(file) } catch { violation("net check of an accepted file: \(error)") }
            _ = VisaInspection(fileId: "fuzz", result: .success(file)).text
        case .failure(let rejection):
            report.rejected += 1
            if rejection.errors.isEmpty || rejection.errors.count > VisaLimits.errorsMax {
                violation("\(rejection.errors.count) errors")
            }
            let recordsMax = bytes.count + 1
            for e in rejection.errors where e.record < 1 || e.record > recordsMax || e.positions.isEmpty {
                violation("unlocated error \(e)")
            }
        }
    }
}
