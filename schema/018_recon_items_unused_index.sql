-- 018: recon.items loses items_payment, an index no statement uses (issue #15: the reconcile
-- row's index phase). Every lookup of an item goes by its primary key (kind, item_id; a capture's
-- item_id is its payment id), or by arn / visa_transaction_id (earlier matches, with their own
-- indexes); payment_id is only ever selected. Yet each item the import's catch-up inserts paid
-- for the index: measured by hand on the bench's 103,011 items (2026-12-03, bench cluster, the
-- same rows INSERT … SELECTed into copies of the table, four runs each, alternating), 1.55–1.66 s
-- with it and 1.34–1.52 s without (medians 1.63 and 1.42: 13% less).
--
-- Citus: DROP INDEX on a distributed table drops it on every shard.
SET LOCAL ROLE tradeledger_owner;

DROP INDEX recon.items_payment;
