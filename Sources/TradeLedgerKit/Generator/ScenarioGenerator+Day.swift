import Foundation

extension ScenarioGenerator {
    /// What `tradeledger generate` wrote.
    public struct Day: Sendable {
        public var summary: Summary
        public var commandsPath: String
        /// The Visa settlement file that settles the day (`SettlementFileGenerator`).
        public var settlementPath: String
        public var expectedPath: String
        public var expected: ExpectedRecon
    }

    /// Writes the day into `directory`: `commands.ndjson`, the day's Visa settlement file
    /// (`visa-settlement.txt`, CRLF text records) and `expected-recon.json` (the counts
    /// `reconcile` must report for that file once the commands are submitted).
    public func writeDay(to directory: String) throws -> Day {
        let commandsPath = directory + "/commands.ndjson"
        let generated = try write(to: commandsPath, recordingCards: true)
        guard let cards = generated.cards else { preconditionFailure("cards were recorded") }
        let file = SettlementFileGenerator(cards: cards, seed: seed).generate()
        let settlementPath = directory + "/" + SettlementFileGenerator.fileName
        let expectedPath = directory + "/" + SettlementFileGenerator.expectedName
        guard FileManager.default.createFile(atPath: settlementPath, contents: Data(file.bytes)) else {
            throw WriteError.cannotCreate(settlementPath)
        }
        guard FileManager.default.createFile(atPath: expectedPath, contents: Data((file.expected.json + "\n").utf8)) else {
            throw WriteError.cannotCreate(expectedPath)
        }
        return Day(summary: generated.summary, commandsPath: commandsPath, settlementPath: settlementPath, expectedPath: expectedPath,
                   expected: file.expected)
    }
}
