import CLibPQ

extension PGConnection {
    /// Sends every statement of `build` without waiting, then collects one outcome per statement
    /// in order. A final sync is added if the last item is not one.
    public func pipeline(_ build: (inout PGPipeline) -> Void) throws(PGError) -> [PGPipelineOutcome] {
        var p = PGPipeline()
        build(&p)
        if case .sync? = p.items.last {} else { p.sync() }
        precondition(p.items.count <= PGPipeline.depthMax, "pipeline deeper than \(PGPipeline.depthMax)")

        guard PQenterPipelineMode(handle) == 1 else {
            throw PGError(code: .pipeline, message: "cannot enter pipeline mode: \(lastErrorMessage)")
        }
        defer { _ = PQexitPipelineMode(handle) }

        var expected: [Bool] = []  // per item: true = a statement, false = a sync
        for item in p.items {
            let sent: Int32
            switch item {
            case .query(let sql, let params):
                sent = ParameterBuffers(params, format: .binary).withPointers { n, t, v, l, f in
                    PQsendQueryParams(handle, sql, n, t, v, l, f, 1)
                }
                expected.append(true)
            case .prepared(let name, let params):
                sent = ParameterBuffers(params, format: .binary).withPointers { n, _, v, l, f in
                    PQsendQueryPrepared(handle, name, n, v, l, f, 1)
                }
                expected.append(true)
            case .sync:
                sent = PQpipelineSync(handle)
                expected.append(false)
            }
            guard sent == 1 else { throw PGError(code: .pipeline, message: "pipeline send failed: \(lastErrorMessage)") }
        }
        _ = PQflush(handle)

        var outcomes: [PGPipelineOutcome] = []
        for isStatement in expected {
            guard let raw = PQgetResult(handle) else {
                throw PGError(code: isOK ? .pipeline : .connection, message: "pipeline ended early: \(lastErrorMessage)")
            }
            let result = PGResult(owning: raw)
            if !isStatement {
                guard result.status == PGRES_PIPELINE_SYNC else {
                    throw PGError(code: .pipeline, message: "expected a sync point, got status \(result.status.rawValue)")
                }
                continue
            }
            switch result.status {
            case PGRES_PIPELINE_ABORTED: outcomes.append(.aborted)
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: outcomes.append(.ok(result))
            default: outcomes.append(.failed(result.error(query: nil, connection: self)))
            }
            // Each statement's results end with a NULL.
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        return outcomes
    }
}
