import LibPQ
import TestSupport
import Testing

@Suite("LibPQ COPY and notifications") struct CopyNotifyTests {
    static let rows = 100_000

    @Test("COPY FROM STDIN and TO STDOUT of 100k rows, text format")
    func copyInAndOutRoundTripsRowsInText() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (id int8, name text)")
            let n = try c.copyIn("COPY t FROM STDIN") { w in
                for i in 0..<Self.rows { try w.write("\(i)\tname \(i)\n".utf8) }
            }
            #expect(n == Int64(Self.rows))
            var lines = 0
            var sum: Int64 = 0
            let out = try c.copyOut("COPY t TO STDOUT") { row in
                lines += 1
                let s = String(decoding: row, as: UTF8.self)
                sum += Int64(s.split(separator: "\t")[0])!
            }
            #expect(out == Int64(Self.rows) && lines == Self.rows)
            #expect(sum == Int64(Self.rows) * Int64(Self.rows - 1) / 2)
        }
    }

    @Test("COPY binary in and out of 100k rows round-trips every value")
    func copyInAndOutRoundTripsEveryValueInBinary() throws {
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (id int8, body bytea, at timestamptz)")
            try c.copyIn("COPY t FROM STDIN (FORMAT binary)") { w in
                try w.write(PGBinaryCopyEncoder.header)
                for i in 0..<Self.rows {
                    try w.withBuffer { out in
                        PGBinaryCopyEncoder.beginRow(fields: 3, into: &out)
                        PGBinaryCopyEncoder.appendInt64(Int64(i), into: &out)
                        PGBinaryCopyEncoder.appendBytes([UInt8(i & 255), 0, 7], into: &out)
                        PGBinaryCopyEncoder.append(.timestamptz(PGTimestamp(microsecondsSinceUnixEpoch: Int64(i) * 1000)), into: &out)
                    }
                }
                try w.write(PGBinaryCopyEncoder.trailer)
            }
            let check = try c.execute("SELECT count(*), sum(id)::int8, sum(get_byte(body, 0))::int8, max(at) FROM t")
            #expect(try check.int64(0, 0) == Int64(Self.rows))
            #expect(try check.int64(0, 1) == Int64(Self.rows) * Int64(Self.rows - 1) / 2)
            #expect(try check.timestamp(0, 3) == PGTimestamp(microsecondsSinceUnixEpoch: Int64(Self.rows - 1) * 1000))
            var bytes = 0
            let n = try c.copyOut("COPY t TO STDOUT (FORMAT binary)") { chunk in bytes += chunk.count }
            #expect(n == Int64(Self.rows))
            // header 19 + per row (2 + 12 + 7 + 12) + trailer 2
            #expect(bytes == 19 + Self.rows * 33 + 2)
        }
    }

    @Test("a COPY whose writer throws imports nothing")
    func copyWhoseWriterThrowsImportsNothing() throws {
        struct Stop: Error {}
        try TestDatabase.with { url in
            let c = try PGConnection(url)
            try c.executeScript("CREATE TABLE t (id int8)")
            #expect(throws: Stop.self) {
                try c.copyIn("COPY t FROM STDIN") { w in
                    try w.write("1\n2\n".utf8)
                    throw Stop()
                }
            }
            #expect(try c.execute("SELECT count(*) FROM t").int64(0, 0) == 0)
        }
    }

    @Test("LISTEN/NOTIFY delivers a payload, and the wait honours its timeout")
    func notifyDeliversAPayloadAndTheWaitHonoursItsTimeout() throws {
        let listener = try PGConnection(TestDatabase.baseURL)
        let sender = try PGConnection(TestDatabase.baseURL)
        let channel = "tl_test_\(UInt32.random(in: 0...UInt32.max))"
        try listener.listen(channel)
        #expect(try listener.waitForNotification(timeoutMilliseconds: 50) == nil)
        try sender.notify(channel, payload: "seq=42")
        let n = try listener.waitForNotification(timeoutMilliseconds: 5_000)
        #expect(n?.channel == channel)
        #expect(n?.payload == "seq=42")
        #expect(n?.senderProcessID == sender.serverProcessID)
    }
}
