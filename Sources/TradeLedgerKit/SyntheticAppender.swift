import Crypto
import EventStore
import LibPQ

/// Appends `commands` synthetic commands (one event each, all on distinct streams) through the
/// bulk path, skipping commands already appended: used by the crash test (kill it mid-run,
/// run it again) and by `ops/bench`. Ids and bodies are deterministic from the index.
public struct SyntheticAppender {
    public var config: DatabaseConfig
    public var commands: Int
    public var chunkEvents: Int
    public var streamsPerCommand: Int = 1

    public init(config: DatabaseConfig, commands: Int, chunkEvents: Int = EventStore.bulkChunkEventsMax) {
        self.config = config
        self.commands = commands
        self.chunkEvents = chunkEvents
    }

    public static func request(_ i: Int) -> AppendRequest {
        let id = "synthetic-\(i)"
        let body = Array(#"{"amount":"\#(i % 100_000).00","currency":"HKD","n":\#(i)}"#.utf8)
        return AppendRequest(commandId: id, requestHash: Array(SHA256.hash(data: Array(id.utf8))),
                             expectations: ["synthetic-\(i)": .noStream],
                             events: [NewEvent(streamId: "synthetic-\(i)", eventType: "SyntheticRecorded", schemaVersion: 1,
                                               body: body, effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: 1_778_803_200_000_000 + Int64(i)))])
    }

    @discardableResult
    public func run(progress: (Int) -> Void = { _ in }) throws -> Int {
        let store = EventStore(connection: try config.connectAsApplication(), ledgerId: config.ledgerId)
        var appended = 0
        var start = 0
        while start < commands {
            let end = min(commands, start + chunkEvents)
            var chunk = (start..<end).map(Self.request)
            let known = try store.knownCommands(chunk.map(\.commandId))
            chunk.removeAll { known[$0.commandId] != nil }
            if !chunk.isEmpty { appended += try store.appendBulk(chunk).count }
            start = end
            progress(start)
        }
        return appended
    }
}
