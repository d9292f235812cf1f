import Crypto
import Foundation
import VisaSettlement

/// `tradeledger visa inspect`: validates and summarises a Visa settlement file without touching
/// the database.
public enum VisaService {
    public static func inspect(path: String) throws(AppError) -> VisaInspection {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw AppError.usage("cannot read \(path): \(error.localizedDescription)", underlying: error)
        }
        let bytes = [UInt8](data)
        let hex = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return VisaInspection(bytes: bytes, sha256Hex: hex)
    }
}

extension VisaService {
    /// A deterministic sample file (drafts with TCR 0/1/5, VSS-110 lines that agree, trailers).
    public static func writeSample(drafts: Int, seed: UInt64, path: String) throws(AppError) {
        let bytes = VisaFileWriter.generate(drafts: drafts, seed: seed, format: .lines(.lf))
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw AppError.usage("cannot write \(path)")
        }
    }
}
