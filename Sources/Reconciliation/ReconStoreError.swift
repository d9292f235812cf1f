/// A reconciliation table that holds what no import writes.
public struct ReconStoreError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
