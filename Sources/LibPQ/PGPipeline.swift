/// Statements queued for one pipeline (libpq pipeline mode). Each `sync()` closes a segment:
/// the statements of a segment run in one implicit transaction, and after an error the rest of
/// that segment is skipped by the server (`PGPipelineOutcome.aborted`) while later segments run.
public struct PGPipeline {
    enum Item {
        case query(String, [PGValue])
        case prepared(String, [PGValue])
        case sync
    }
    var items: [Item] = []
    public static let depthMax = 4_096

    public mutating func execute(_ sql: String, _ parameters: [PGValue] = []) {
        items.append(.query(sql, parameters))
    }
    public mutating func executePrepared(_ name: String, _ parameters: [PGValue] = []) {
        items.append(.prepared(name, parameters))
    }
    public mutating func sync() { items.append(.sync) }
}
