/// The parties, cards, programme and FX rates that open the generated day.
extension ScenarioRun {
    mutating func registerMerchants() {
        merchantCategory.reserveCapacity(config.merchants)
        for index in 1...config.merchants {
            let enterprise = rng.chance(35)
            let category = rng.below(T.categories.count)
            merchantCategory.append(UInt8(category))
            let city = rng.pick(T.cities)
            let adjective = rng.pick(T.adjectives)
            let suffix = enterprise ? rng.pick(T.enterpriseSuffixes) : rng.pick(T.smbSuffixes)
            let bps = rng.int(100...300)
            let id = Self.merchantId(index)
            emit(.registerParty) { head in
                "{\(head),\"partyId\":\"\(id)\",\"name\":\"\(city) \(adjective) \(T.categories[category]) \(suffix)\",\"kind\":\"\(enterprise ? "enterprise" : "smb")\",\"roles\":[\"seller\"],\"country\":\"CN\",\"settlementCurrency\":\"CNY\",\"commissionBps\":\(bps)}"
            }
        }
    }

    mutating func registerBuyers() {
        buyerCountry.reserveCapacity(config.buyers)
        for index in 1...config.buyers {
            let country = rng.weighted(T.buyerCountryWeights)
            buyerCountry.append(UInt8(country))
            let enterprise = rng.chance(40)
            let surname = rng.pick(T.surnames)
            let word = rng.pick(T.buyerWords)
            let suffix = rng.pick(T.buyerSuffixes[country])
            let id = Self.buyerId(index)
            emit(.registerParty) { head in
                "{\(head),\"partyId\":\"\(id)\",\"name\":\"\(surname) \(word) \(suffix)\",\"kind\":\"\(enterprise ? "enterprise" : "smb")\",\"roles\":[\"buyer\"],\"country\":\"\(T.buyerCountries[country])\"}"
            }
        }
    }

    mutating func registerFunders() {
        emit(.registerParty) { head in
            "{\(head),\"partyId\":\"VISA\",\"name\":\"Visa Worldwide Pte. Limited\",\"kind\":\"enterprise\",\"roles\":[\"funder\"],\"country\":\"SG\"}"
        }
        emit(.registerParty) { head in
            "{\(head),\"partyId\":\"PLATFORM\",\"name\":\"TradeLedger Platform Limited\",\"kind\":\"enterprise\",\"roles\":[\"funder\"],\"country\":\"HK\"}"
        }
    }

    mutating func bindCards() {
        for index in 1...config.buyers {
            // A Visa network token: 16 digits starting with 4 whose last digit deliberately breaks
            // the Luhn check, so it can never be mistaken for (or pass as) a PAN.
            var payload = "4"
            for _ in 0..<14 { payload.append(Character(Unicode.Scalar(UInt8(48 + rng.below(10))))) }
            let good = GenFormat.luhnCheckDigit(payload)
            let token = payload + String((good + 1 + rng.below(9)) % 10)
            let last4 = GenFormat.padded(Int64(rng.below(10_000)), 4)
            let month = rng.int(1...12)
            let year = rng.int(26...31)
            let expiryMonth = (year == 26 && month <= 5) ? month + 6 : month  // after May 2026
            let expiry = "\(GenFormat.padded(Int64(expiryMonth), 2))/\(year)"
            let requestor: String? = rng.chance(70) ? rng.pick(T.tokenRequestorIds) : nil
            let buyer = Self.buyerId(index)
            cards?.tokens.append(token)
            emit(.bindCard) { head in
                let trid = requestor.map { ",\"tokenRequestorId\":\"\($0)\"" } ?? ""
                return "{\(head),\"bindingId\":\"\(Self.bindingId(index))\",\"partyId\":\"\(buyer)\",\"token\":\"\(token)\",\"panLast4\":\"\(last4)\",\"expiry\":\"\(expiry)\"\(trid)}"
            }
        }
    }

    mutating func launchProgram() {
        let budget = GenFormat.amount(budgetMinor, exponent: 2)
        emit(.launchSubsidyProgram) { head in
            "{\(head),\"programId\":\"\(Self.programId)\",\"funderId\":\"VISA\",\"currency\":\"HKD\",\"budget\":\"\(budget)\",\"rateBps\":\(Self.rateBps),\"capPerPayment\":\"\(GenFormat.amount(Self.capMinor, exponent: 2))\",\"minSpend\":\"\(GenFormat.amount(Self.minSpendMinor, exponent: 2))\",\"buyerCountries\":[\"HK\",\"MO\"],\"validFrom\":\"2026-05-15\",\"validTo\":\"2026-05-15\"}"
        }
    }

    mutating func recordRates() {
        for entry in T.fxToCNY {
            let numerator = entry.numerator + Int64(rng.below(entry.jitter))
            let source = rng.pick(T.fxSources)
            let code = T.currencies[entry.currency].code
            // asOf is the command's own business time (the clock after this line's tick).
            emitWithAt(.recordFxRate) { head, asOf in
                "{\(head),\"base\":\"\(code)\",\"quote\":\"CNY\",\"rate\":\"\(GenFormat.rate(numerator))\",\"asOf\":\"\(asOf)\",\"source\":\"\(source)\"}"
            }
        }
    }
}
