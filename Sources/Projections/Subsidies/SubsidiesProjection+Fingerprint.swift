extension SubsidiesProjection {
    static let fingerprintSQL = """
        SELECT concat_ws(E'\\n',
          (SELECT string_agg(format('P|%s|%s|%s|%s|%s|%s|%s|%s', program_id, currency, budget_minor, granted_minor,
                                    reversed_minor, claimed_minor, funded_minor, grants), E'\\n' ORDER BY program_id COLLATE "C")
             FROM proj.subsidy_programs WHERE ledger_id = $1 AND generation = $2),
          (SELECT string_agg(format('M|%s|%s|%s|%s', program_id, merchant_id, currency, net_minor), E'\\n'
                             ORDER BY program_id COLLATE "C", merchant_id COLLATE "C")
             FROM proj.subsidy_merchants WHERE ledger_id = $1 AND generation = $2))
        """

    func fingerprintLines() -> [String] {
        let programs = newPrograms.sorted(by: { $0.programId < $1.programId }).map { p in
            let s = programSums[p.programId] ?? ProgramSums()
            return "P|\(p.programId)|\(p.currency)|\(p.budget)|\(s.granted)|\(s.reversed)|\(s.claimed)|\(s.funded)|\(s.grants)"
        }
        let merchants = merchantNet.keys.sorted(by: { ($0.programId, $0.merchantId) < ($1.programId, $1.merchantId) }).map { k in
            "M|\(k.programId)|\(k.merchantId)|\(merchantNet[k]!.currency)|\(merchantNet[k]!.net)"
        }
        return programs + merchants
    }
}
