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
}
