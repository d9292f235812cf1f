import Crypto
import EventStore
import Foundation
import LibPQ
import TestSupport

func request(_ commandId: String, _ streams: [(String, ExpectedVersion)], events: [(String, String)], payload: String = "") -> AppendRequest {
    AppendRequest(
        commandId: commandId, requestHash: Array(SHA256.hash(data: Array((commandId + payload).utf8))),
        expectations: Dictionary(uniqueKeysWithValues: streams),
        events: events.map { NewEvent(streamId: $0.0, eventType: "TestEvent", schemaVersion: 1,
                                      body: Array(#"{"v":"\#($0.1)"}"#.utf8),
                                      effectiveAt: PGTimestamp(microsecondsSinceUnixEpoch: 1_778_803_200_000_000)) })
}
