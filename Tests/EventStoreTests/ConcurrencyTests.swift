import EventStore
import Foundation
import LibPQ
import TestSupport
import Testing

@Suite("Event store under concurrency") struct ConcurrencyTests {
    @Test("16 writers on one hot stream: no lost or duplicated events, contiguous versions, every loser got a conflict")
    func writersOnOneHotStreamLoseAndDuplicateNothing() throws {
        try TestDatabase.with { url in
            let writers = 16, perWriter = 15
            let conflicts = LockedBox(0), others = LockedBox<[String]>([])
            concurrently(writers) { w in
                do {
                    let s = try openStore(url)
                    var done = 0, attempt = 0
                    while done < perWriter {
                        attempt += 1
                        precondition(attempt < 10_000, "retry limit")
                        let v = try s.streamVersions(["hot-1"])["hot-1"] ?? 0
                        do {
                            _ = try s.append(request("w\(w)-\(done)", [("hot-1", v == 0 ? .noStream : .exact(v))], events: [("hot-1", "\(w).\(done)")]))
                            done += 1
                        } catch let e as EventStoreError where e.code == .versionConflict {
                            conflicts.mutate { $0 += 1 }
                        }
                    }
                } catch { others.mutate { $0.append("\(error)") } }
            }
            #expect(others.value.isEmpty, "unexpected errors: \(others.value)")
            let s = try openStore(url)
            let events = try s.readStream("hot-1")
            #expect(events.count == writers * perWriter)
            #expect(events.map(\.streamVersion) == Array(1...Int64(writers * perWriter)))
            #expect(Set(events.map(\.body)).count == events.count, "duplicated events")
            #expect(try s.head().seq == Int64(writers * perWriter))
            // Every attempt that lost the race got a conflict and wrote nothing: attempts = successes + conflicts.
            let commands = try s.connection.execute("SELECT count(*) FROM ledger.commands").int64(0, 0)
            #expect(commands == Int64(writers * perWriter))
            #expect(conflicts.value > 0)
        }
    }

    @Test("8 writers on different streams while a catch-up reader follows: every event once, in seq order")
    func catchUpReaderSeesEveryEventOnceInSeqOrder() throws {
        try TestDatabase.with { url in
            let writers = 8, perWriter = 250, total = writers * perWriter
            let finished = LockedBox(0), seen = LockedBox<[Int64]>([]), errors = LockedBox<[String]>([])
            concurrently(writers + 1) { w in
                do {
                    if w == writers {  // the reader
                        let s = try openStore(url)
                        var reader = try LedgerReader(store: s, pageRows: 37)
                        var got: [Int64] = []
                        var idleRounds = 0
                        while got.count < total {
                            let page = try reader.next()
                            got += page.map(\.seq)
                            if page.isEmpty {
                                idleRounds += 1
                                precondition(idleRounds < 200_000, "reader never caught up")
                                usleep(200)
                            }
                        }
                        seen.mutate { $0 = got }
                        return
                    }
                    let s = try openStore(url)
                    for i in 0..<perWriter {
                        let stream = "w\(w)-\(i % 5)"
                        _ = try s.append(request("w\(w)-\(i)", [(stream, .any)], events: [(stream, "\(i)")]))
                    }
                    finished.mutate { $0 += 1 }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            #expect(errors.value.isEmpty, "\(errors.value)")
            #expect(seen.value == Array(1...Int64(total)))
        }
    }

    @Test("the same command id from 6 connections at once: exactly one set of events")
    func sameCommandFromSeveralConnectionsAppendsOneSetOfEvents() throws {
        try TestDatabase.with { url in
            let outcomes = LockedBox<[AppendOutcome]>([]), errors = LockedBox<[String]>([])
            concurrently(6) { _ in
                do {
                    let s = try openStore(url)
                    let o = try s.append(request("pay-once", [("payment-P1", .any), ("invoice-I1", .any)],
                                                 events: [("payment-P1", "captured"), ("invoice-I1", "applied")]))
                    outcomes.mutate { $0.append(o) }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            #expect(errors.value.isEmpty, "\(errors.value)")
            let appended = outcomes.value.filter { if case .appended = $0 { true } else { false } }
            #expect(appended.count == 1)
            #expect(outcomes.value.count == 6 && Set(outcomes.value.map(\.seqRange)).count == 1)
            let s = try openStore(url)
            #expect(try s.head().seq == 2)
            #expect(throws: EventStoreError.commandReused(commandId: "pay-once")) {
                try s.append(request("pay-once", [("payment-P1", .any)], events: [("payment-P1", "other")], payload: "changed"))
            }
        }
    }

    @Test("bulk and online appends of the same commands on the same streams, at once, never deadlock and append each command once")
    func bulkAndOnlineShareOneLockOrder() throws {
        try TestDatabase.with { url in
            let su = try PGConnection(url)
            try su.executeScript("ALTER DATABASE \(try su.execute("SELECT current_database()::text").string(0, 0)) SET deadlock_timeout = '50ms'")
            let commands = 240
            let errors = LockedBox<[String]>([])
            concurrently(4) { worker in
                do {
                    let s = try openStore(url)
                    var rng = SystemRandomNumberGenerator()
                    for round in 0..<commands / 6 {
                        // Each command writes two shared streams; workers name them in different orders.
                        let ids = (0..<6).map { (round * 6 + $0 + worker * 3) % commands }
                        let reqs = ids.map { i in
                            request("cmd-\(i)", [("hot-\(i % 3)", .any), ("warm-\(i % 4)", .any)],
                                    events: [("hot-\(i % 3)", "\(i)"), ("warm-\(i % 4)", "\(i)")])
                        }
                        while true {
                            do {
                                if worker % 2 == 0 {
                                    let fresh = try s.knownCommands(reqs.map(\.commandId))
                                    let todo = reqs.filter { fresh[$0.commandId] == nil }
                                    if !todo.isEmpty { try s.appendBulk(todo.shuffled(using: &rng)) }
                                } else {
                                    for r in reqs.shuffled(using: &rng) { _ = try s.append(r) }
                                }
                                break
                            } catch let e as EventStoreError where e.code == .commandsAlreadyAppended {
                                continue  // another worker appended some of them: ask again
                            } catch let e as EventStoreError where e.code == .versionConflict {
                                continue  // a stream was created meanwhile: ask again
                            }
                        }
                    }
                } catch { errors.mutate { $0.append("\(error)") } }
            }
            #expect(errors.value.isEmpty, "no deadlock or other error: \(errors.value)")
            // The workers' sessions have ended, so their statistics are flushed.
            try su.executeScript("SELECT pg_stat_clear_snapshot()")
            #expect(try su.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()").int64(0, 0) == 0)
            let s = try openStore(url)
            #expect(try s.connection.execute("SELECT count(*), count(DISTINCT command_id) FROM ledger.events").int64(0, 0) == Int64(commands * 2))
            #expect(try ChainVerifier(store: s).run().eventsChecked == Int64(commands * 2))
        }
    }
}
