import CLibPQ

extension PGConnection {
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
        /// One consistent, read-only view of the database for the whole transaction (verify, seal).
        case snapshot = "REPEATABLE READ READ ONLY"
    }

    /// Runs `body` inside BEGIN … COMMIT. If `body` throws, the transaction is rolled back and
    /// the body's error is rethrown unchanged (a failed rollback is attached as a
    /// `PGTransactionError`); failures of BEGIN and COMMIT are `PGTransactionError`s naming the step.
    public func withTransaction<T>(_ isolation: IsolationLevel = .readCommitted,
                                   _ body: (PGConnection) throws -> T) throws -> T {
        do {
            try executeScript(isolation == .readCommitted ? "BEGIN" : "BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        } catch {
            throw PGTransactionError(step: .begin, underlying: error)
        }
        let value: T
        do {
            value = try body(self)
        } catch {
            do { try rollbackIfOpen() } catch let rollbackError {
                throw PGTransactionError(step: .body, underlying: error, rollbackError: rollbackError)
            }
            throw error
        }
        do {
            // COMMIT of an aborted transaction reports ROLLBACK without an error; catch that.
            let result = try execute("COMMIT", resultFormat: .text)
            let tag = String(cString: PQcmdStatus(result.raw))
            if tag != "COMMIT" {
                throw PGError(code: .server, message: "transaction was rolled back at COMMIT (status \(tag))")
            }
        } catch {
            try? rollbackIfOpen()
            throw PGTransactionError(step: .commit, underlying: error)
        }
        return value
    }

    /// Whether a transaction block is open (PQtransactionStatus).
    public var inTransaction: Bool {
        let s = PQtransactionStatus(handle)
        return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE
    }

    func rollbackIfOpen() throws(PGError) {
        if inTransaction { try executeScript("ROLLBACK") }
    }
}
