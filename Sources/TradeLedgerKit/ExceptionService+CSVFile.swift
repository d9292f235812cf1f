import Foundation

extension ExceptionService {
    /// `reconcile --exceptions-csv PATH`: writes `csv(fileId:)` of one file to `path`.
    public func writeCSV(fileId: String, to path: String) throws {
        let csv = try csv(fileId: fileId)
        guard FileManager.default.createFile(atPath: path, contents: Data((csv + "\n").utf8)) else {
            throw AppError.usage("cannot write \(path)")
        }
    }
}
