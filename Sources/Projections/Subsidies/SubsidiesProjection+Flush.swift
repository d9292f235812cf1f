import LibPQ

extension SubsidiesProjection {
    /// New programmes in one insert, the programmes' amounts in one update, the merchants' net
    /// in one upsert.
    func flush(_ c: PGConnection, ledger: String, generation: Int64) throws {
        let l = PGValue.text(ledger), g = PGValue.int8(generation)
        if !newPrograms.isEmpty {
            try c.execute("""
                INSERT INTO proj.subsidy_programs (ledger_id, generation, program_id, currency, budget_minor)
                SELECT $1, $2, u.p, u.c, u.b FROM unnest($3::text[], $4::text[], $5::int8[]) AS u(p, c, b)
                """, [l, g, .textArray(newPrograms.map(\.programId)), .textArray(newPrograms.map(\.currency)),
                      .int8Array(newPrograms.map(\.budget))])
        }
        if !programSums.isEmpty {
            let ids = Array(programSums.keys)
            let s = ids.map { programSums[$0]! }
            try c.execute("""
                UPDATE proj.subsidy_programs p SET granted_minor = p.granted_minor + u.g, reversed_minor = p.reversed_minor + u.r,
                       claimed_minor = p.claimed_minor + u.c, funded_minor = p.funded_minor + u.f, grants = p.grants + u.n
                  FROM unnest($3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[]) AS u(id, g, r, c, f, n)
                 WHERE p.ledger_id = $1 AND p.generation = $2 AND p.program_id = u.id
                """, [l, g, .textArray(ids), .int8Array(s.map(\.granted)), .int8Array(s.map(\.reversed)),
                      .int8Array(s.map(\.claimed)), .int8Array(s.map(\.funded)), .int8Array(s.map(\.grants))])
        }
        if !merchantNet.isEmpty {
            let keys = Array(merchantNet.keys)
            try c.execute("""
                INSERT INTO proj.subsidy_merchants (ledger_id, generation, program_id, merchant_id, currency, net_minor)
                SELECT $1, $2, u.p, u.m, u.c, u.n FROM unnest($3::text[], $4::text[], $5::text[], $6::int8[]) AS u(p, m, c, n)
                ON CONFLICT (ledger_id, generation, program_id, merchant_id) DO UPDATE
                  SET net_minor = proj.subsidy_merchants.net_minor + excluded.net_minor
                """, [l, g, .textArray(keys.map(\.programId)), .textArray(keys.map(\.merchantId)),
                      .textArray(keys.map { merchantNet[$0]!.currency }), .int8Array(keys.map { merchantNet[$0]!.net })])
        }
    }
}
