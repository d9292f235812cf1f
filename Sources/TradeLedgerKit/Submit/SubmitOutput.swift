import LedgerDomain

/// The fixed shapes of `submit` output (ARCHITECTURE.md).
public enum SubmitOutput {
    public static func json(_ r: SubmitService.Result) -> String {
        var fields: [(String, JSONText.Value)] = [
            ("line", .int(Int64(r.line))), ("commandId", r.commandId.map { .string($0) } ?? .null),
            ("status", .string(r.status.rawValue)), ("events", .int(Int64(r.events))),
        ]
        if let f = r.firstSeq, let l = r.lastSeq { fields += [("firstSeq", .int(f)), ("lastSeq", .int(l))] }
        if let e = r.error {
            fields.append(("error", .object([("code", .string(e.code)), ("field", e.field.map { .string($0) } ?? .null),
                                             ("message", .string(OperatorText.withoutCardNumbers(e.message)))])))
        }
        return JSONText.encode(.object(fields))
    }

    public static func text(_ r: SubmitService.Result) -> String {
        OperatorText.withoutCardNumbers("line \(r.line): \(r.error?.description ?? r.status.rawValue)")
    }

    public static func summary(_ s: SubmitService.Summary) -> String {
        let total = s.accepted + s.duplicate + s.rejected
        let rate = s.seconds > 0 ? Int(Double(total) / s.seconds) : 0
        return "submit: \(total) commands: \(s.accepted) accepted (\(s.events) events), \(s.duplicate) duplicate, \(s.rejected) rejected; \(rate) commands/s"
            + (s.conflictRetries > 0 ? "; \(s.conflictRetries) conflict retries" : "")
            + (s.lockRetries > 0 ? "; \(s.lockRetries) lock retries" : "")
            + (s.givenUp > 0 ? "; \(s.givenUp) not appended (retries exhausted: submit the file again)" : "")
            + (s.decidedAheadDiscarded > 0
                ? "; \(s.decidedAheadDiscarded) batches decided again (the batch before did not append as decided)" : "")
    }
}
