import LedgerDomain

/// The fixed shapes of `submit` output (ARCHITECTURE.md).
public enum SubmitOutput {
    public static func json(_ r: SubmitService.Result) -> String {
        var s = "{\"line\":\(r.line),\"commandId\":" + (r.commandId.map(quote) ?? "null")
        s += ",\"status\":\"\(r.status.rawValue)\",\"events\":\(r.events)"
        if let f = r.firstSeq, let l = r.lastSeq { s += ",\"firstSeq\":\(f),\"lastSeq\":\(l)" }
        if let e = r.error {
            s += ",\"error\":{\"code\":\(quote(e.code)),\"field\":" + (e.field.map(quote) ?? "null") + ",\"message\":\(quote(e.message))}"
        }
        return s + "}"
    }

    public static func text(_ r: SubmitService.Result) -> String {
        "line \(r.line): \(r.error?.description ?? r.status.rawValue)"
    }

    public static func summary(_ s: SubmitService.Summary) -> String {
        let total = s.accepted + s.duplicate + s.rejected
        let rate = s.seconds > 0 ? Int(Double(total) / s.seconds) : 0
        return "submit: \(total) commands: \(s.accepted) accepted (\(s.events) events), \(s.duplicate) duplicate, \(s.rejected) rejected; \(rate) commands/s"
            + (s.conflictRetries > 0 ? "; \(s.conflictRetries) conflict retries" : "")
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
