import Money

/// Decides a command against the state: the events to append (with expected versions and
/// guards), a rejection naming the field, or the streams to load first. Pure: no I/O, no clock
/// (business time is the command's `at`, else `context.now`). Business time is bounded first
/// (`Decider.checkBusinessTime`: not too far ahead of `context.now`, not in a closed period).
public func decide(_ envelope: CommandEnvelope, state: LedgerState, context: DecisionContext) -> Decision {
    var decider = Decider(state: state, context: context, commandType: envelope.command.typeName,
                          at: envelope.at ?? context.now)
    if let rejected = decider.checkBusinessTime() { return rejected }
    switch envelope.command {
    case .registerParty(let command): return decider.registerParty(command)
    case .bindCard(let command): return decider.bindCard(command)
    case .launchSubsidyProgram(let command): return decider.launchSubsidyProgram(command)
    case .recordFxRate(let command): return decider.recordFxRate(command)
    case .issueInvoice(let command): return decider.issueInvoice(command)
    case .captureCardPayment(let command): return decider.captureCardPayment(command)
    case .recordBankTransfer(let command): return decider.recordBankTransfer(command)
    case .refundCardPayment(let command): return decider.refundCardPayment(command)
    case .issueCreditNote(let command): return decider.issueCreditNote(command)
    case .resolveException(let command): return decider.resolveException(command)
    case .holdPayouts(let command): return decider.holdPayouts(command)
    case .releasePayouts(let command): return decider.releasePayouts(command)
    case .recordPayoutReturned(let command): return decider.recordPayoutReturned(command)
    }
}

/// One decision in progress: the streams it still lacks, and helpers to reject and accept.
struct Decider {
    let state: LedgerState
    let context: DecisionContext
    let commandType: String
    let at: Timestamp
    private(set) var missing: Set<StreamNeed> = []
    /// Streams read whose version the decision relies on without writing them.
    private(set) var guarded: Set<String> = []

    init(state: LedgerState, context: DecisionContext, commandType: String, at: Timestamp) {
        self.state = state
        self.context = context
        self.commandType = commandType
        self.at = at
    }

    /// Notes that the decision reads `streamId`.
    mutating func read(_ streamId: String) {
        if !state.isLoaded(streamId) { missing.insert(.stream(streamId)) }
    }

    /// Notes that the decision reads `streamId` and relies on its version: if it accepts without
    /// writing the stream, the append expects the stream unchanged (`Decision.accepted` guards).
    mutating func guardRead(_ streamId: String) {
        read(streamId)
        guarded.insert(streamId)
    }

    /// Notes that the decision reads every stream of `type`.
    mutating func readAll(ofType type: String) {
        if !state.loadedStreamTypes.contains(type) { missing.insert(.allOfType(type)) }
    }

    /// `.needs` when some stream is missing, else nil.
    var needs: Decision? { missing.isEmpty ? nil : .needs(missing) }

    func reject(_ code: String, _ field: String, _ problem: String) -> Decision {
        .rejected(CommandRejection(code: code, field: field, message: "\(commandType).\(field): \(problem)"))
    }

    func reject(_ code: String, _ field: String, value: String, _ problem: String) -> Decision {
        .rejected(CommandRejection(code: code, field: field, message: "\(commandType).\(field) \(FieldProblem.echo(value)): \(problem)"))
    }

    /// Resolves a currency-less amount in the currency of the aggregate it refers to.
    func resolve(_ amount: DecimalAmount, given: Currency?, in currency: Currency, field: String,
                 owner: String) -> Result<Amount, DecisionRejected> {
        if let given, given != currency {
            return .failure(DecisionRejected(reject(CommandRejection.currencyMismatch, "currency", value: given.code,
                                                    "\(owner) is in \(currency)")))
        }
        do {
            return .success(try amount.resolve(currency))
        } catch {
            return .failure(DecisionRejected(reject(CommandRejection.invalidField, field, value: amount.text, error.message)))
        }
    }

    /// Accepts `events`: each gets its stream's current version as expected version, and every
    /// guarded stream that no event writes becomes a guard at its current version. A decision
    /// that still lacks a stream it read is not accepted: it asks for it. Postings are checked
    /// to balance here (and again on `apply`); an unbalanced event is a bug.
    func accept(_ events: [DomainEvent]) -> Decision {
        if let needs { return needs }
        var pending: [PendingEvent] = []
        pending.reserveCapacity(events.count)
        for event in events {
            do {
                try Postings.checkBalanced(event.postings)
            } catch {
                preconditionFailure("\(event.eventType) decided with unbalanced postings: \(error)")
            }
            pending.append(PendingEvent(streamId: event.streamId, expectedVersion: state.version(of: event.streamId), event: event))
        }
        var guards: [String: Int64] = [:]
        for streamId in guarded where !pending.contains(where: { $0.streamId == streamId }) {
            guards[streamId] = state.version(of: streamId)
        }
        return .accepted(pending, guards: guards)
    }

    /// The party or a `not_found` / `wrong_role` rejection.
    func party(_ id: String, role: PartyRole, field: String) -> Result<PartyRegistered, DecisionRejected> {
        guard let party = state.parties[id] else {
            return .failure(DecisionRejected(reject(CommandRejection.notFound, field, value: id, "no such party")))
        }
        guard party.roles.contains(role) else {
            return .failure(DecisionRejected(reject(CommandRejection.wrongRole, field, value: id, "the party is not a \(role.rawValue)")))
        }
        return .success(party)
    }
}
