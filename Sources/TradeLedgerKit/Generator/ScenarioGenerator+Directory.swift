import Foundation

extension ScenarioGenerator {
    /// `tradeledger generate --out DIR`: makes DIR (and its parents) when missing, then `writeDay(to:)`.
    public func writeDay(creating directory: String) throws -> Day {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try writeDay(to: directory)
    }
}
