/// Small edits of `postgresql://` URIs.
public enum PGConnectionURI {
    /// The URI with another database name, for socket URIs of the form
    /// `postgresql:///NAME?host=…` (what `ops/pg url` prints); other strings come back unchanged.
    public static func replacingDatabase(in uri: String, with database: String) -> String {
        guard let marker = uri.firstRange(of: ":///") else { return uri }
        let rest = uri[marker.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(uri[..<marker.upperBound]) + database + query
    }

    /// The URI with `user=NAME` in its query (replacing a `user=` there, else added).
    public static func replacingUser(in uri: String, with user: String) -> String {
        guard let q = uri.firstIndex(of: "?") else { return uri + "?user=" + user }
        let params = uri[uri.index(after: q)...].split(separator: "&").filter { !$0.hasPrefix("user=") }
        return String(uri[...q]) + (params.map(String.init) + ["user=" + user]).joined(separator: "&")
    }
}
