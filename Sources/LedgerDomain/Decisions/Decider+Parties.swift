import Money

extension Decider {
    mutating func registerParty(_ command: RegisterParty) -> Decision {
        let stream = StreamID.party(command.partyId)
        read(stream)
        if let needs { return needs }
        if state.version(of: stream) > 0 || state.parties[command.partyId] != nil {
            return reject(CommandRejection.alreadyExists, "partyId", value: command.partyId, "a party with this id is already registered")
        }
        return accept([.partyRegistered(PartyRegistered(
            partyId: command.partyId, name: command.name, kind: command.kind, roles: command.roles, country: command.country,
            settlementCurrency: command.settlementCurrency, commissionBps: command.commissionBps, effectiveAt: at))])
    }

    mutating func bindCard(_ command: BindCard) -> Decision {
        let stream = StreamID.card(command.bindingId)
        read(stream)
        read(StreamID.party(command.partyId))
        if let needs { return needs }
        if state.version(of: stream) > 0 || state.cards[command.bindingId] != nil {
            return reject(CommandRejection.alreadyExists, "bindingId", value: command.bindingId, "a card binding with this id already exists")
        }
        if case .failure(let rejected) = party(command.partyId, role: .buyer, field: "partyId") { return rejected.decision }
        guard at <= command.expiry.endOfValidity else {
            return reject(CommandRejection.invalidField, "expiry", value: command.expiry.text, "the card has expired")
        }
        guard !context.tokenKey.isEmpty else {
            return reject(CommandRejection.tokenKeyMissing, "token", "no token key is configured (TRADELEDGER_TOKEN_KEY)")
        }
        let tokenRef = TokenRef.make(token: command.token, key: context.tokenKey)
        return accept([.cardBound(CardBound(
            bindingId: command.bindingId, partyId: command.partyId, tokenRef: tokenRef, panLast4: command.panLast4,
            expiry: command.expiry, tokenRequestorId: command.tokenRequestorId, effectiveAt: at))])
    }

    /// Launch: `SubsidyProgramLaunched` on the programme's stream (expected: no stream) and
    /// `SubsidyProgramListed` on the programme set (`ledger-programs`, expected at the version
    /// read), which fixes the launch order and makes captures decided against the older set
    /// decide again.
    mutating func launchSubsidyProgram(_ command: LaunchSubsidyProgram) -> Decision {
        let stream = StreamID.subsidy(command.programId)
        read(stream)
        read(StreamID.programs)
        read(StreamID.party(command.funderId))
        if let needs { return needs }
        if state.version(of: stream) > 0 || state.programs[command.programId] != nil {
            return reject(CommandRejection.alreadyExists, "programId", value: command.programId, "a programme with this id already exists")
        }
        if case .failure(let rejected) = party(command.funderId, role: .funder, field: "funderId") { return rejected.decision }
        return accept([.subsidyProgramLaunched(SubsidyProgramLaunched(
            programId: command.programId, funderId: command.funderId, currency: command.currency, budget: command.budget,
            rateBps: command.rateBps, capPerPayment: command.capPerPayment, minSpend: command.minSpend,
            buyerCountries: command.buyerCountries, sellerKinds: command.sellerKinds, validFrom: command.validFrom,
            validTo: command.validTo, effectiveAt: at)),
            .subsidyProgramListed(SubsidyProgramListed(programId: command.programId, effectiveAt: at))])
    }

    mutating func recordFxRate(_ command: RecordFxRate) -> Decision {
        read(StreamID.fxRate(base: command.base, quote: command.quote))
        if let needs { return needs }
        return accept([.fxRateRecorded(FxRateRecorded(
            base: command.base, quote: command.quote, rate: command.rate, asOf: command.asOf, source: command.source,
            effectiveAt: at))])
    }
}
