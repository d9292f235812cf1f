-- 019: recon.items keeps only its primary key (issue #15: the reconcile row's index phase).
-- items_arn and items_visa_transaction_id served one statement, ReconStore.earlierMatches: once
-- per import, the matched items that the file's leftover lines name by ARN or transaction id (the
-- evidence of a duplicate presentment). Every other lookup goes by the primary key, and the
-- index load reads every item of the ledger anyway. What they cost and saved, measured by hand on
-- the full-scale bench's 514,973 items (2026-12-04, bench cluster, the rows COPYed into copies
-- of the table): the heap alone 1.6 s, the primary key +3.3 s, items_arn +2.5 s,
-- items_visa_transaction_id +3.5 s, so 6 of the catch-up's 11 s; earlierMatches for 3,000
-- leftovers 166–191 ms with them, 155 ms without (a scan of the ledger's items; for a handful of
-- leftovers about 1 ms with them, 155 ms without, once per import).
--
-- Citus: DROP INDEX on a distributed table drops it on every shard.
SET LOCAL ROLE tradeledger_owner;

DROP INDEX recon.items_arn;
DROP INDEX recon.items_visa_transaction_id;
