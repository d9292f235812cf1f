import Foundation
import Money
import Settlement

/// A plan file (`settle --dry-run --plan-out PLAN.json`): the `settle --json` shape plus
/// `manifestHash` and `manifest` (the lines the hash covers). `--plan PLAN.json` reads only the
/// date, the hash and the lines, and checks that the lines hash to the hash (an edited file is
/// refused, naming the field).
public struct SettlePlanFile: Sendable {
    public var settlementDate: CalendarDay
    public var manifestHash: String
    public var manifestLines: [String]

    public static let fileBytesMax = 512 << 20

    public static func write(_ plan: SettlementPlan, to path: String) throws {
        try (SettleOutput.json(plan, report: nil, includeManifest: true) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    public static func read(_ path: String) throws -> SettlePlanFile {
        func bad(_ field: String, _ message: String) -> AppError {
            AppError.usage("plan file \(path) [\(field)]: \(message)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.usage("plan file \(path): cannot be read") }
        guard data.count <= fileBytesMax else { throw bad("", "larger than \(fileBytesMax) bytes") }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw bad("", "not a JSON object") }
        guard let dateText = root["settlementDate"] as? String, let date = try? CalendarDay(parsing: dateText) else {
            throw bad("settlementDate", "missing or not YYYY-MM-DD")
        }
        guard let hash = root["manifestHash"] as? String else { throw bad("manifestHash", "missing") }
        guard let lines = root["manifest"] as? [String] else { throw bad("manifest", "missing or not an array of strings") }
        guard SettlementPlan.hash(lines) == hash else { throw bad("manifest", "does not hash to manifestHash (the file was edited)") }
        return SettlePlanFile(settlementDate: date, manifestHash: hash, manifestLines: lines)
    }
}
