-- 009: projection fixes (issue #12).
--
-- 1. Stream types. ledger.streams.stream_type is what EventStore.streamIds(ofType:) looks
--    streams up by, with the types Swift names (LedgerDomain/Model/StreamID.swift). The append
--    function of 005 derived it as the part before the first dash, so `settlement-file-…` was
--    stored as `settlement` and `recon-exception-…` as `recon`; 008's append functions use
--    ledger.stream_type, which mirrors StreamID.type(of:). Rows stored with the short types are
--    corrected here.
-- 2. Invoices as of a date. proj.invoice_journal keeps each event's change to an invoice with
--    its business time, so `invoices --as-of D` sums what was effective by the end of D
--    (amounts and status as the invoice stood then). The invoices projection is emptied and its
--    checkpoint reset: the next `projections run` (or `projections rebuild invoices`) replays it
--    from seq 1 and fills the journal for every invoice.
SET LOCAL ROLE tradeledger_owner;

UPDATE ledger.streams SET stream_type = ledger.stream_type(stream_id)
 WHERE (stream_id LIKE 'settlement-file-%' OR stream_id LIKE 'recon-exception-%')
   AND stream_type IS DISTINCT FROM ledger.stream_type(stream_id);


-- invoices: one row per event that changes an invoice (InvoiceIssued: its total; payments,
-- credit notes, refunds and chargebacks: what they paid, credited or refunded; a reversed
-- chargeback refunds a negative amount). Summed over a generation it equals proj.invoices
-- (verify checks it); summed by effective_at it gives the invoice as of a time.
CREATE TABLE proj.invoice_journal (
  ledger_id      text        NOT NULL,
  generation     bigint      NOT NULL,
  invoice_id     text        NOT NULL,
  seq            bigint      NOT NULL,
  effective_at   timestamptz NOT NULL,
  total_minor    bigint      NOT NULL DEFAULT 0,
  paid_minor     bigint      NOT NULL DEFAULT 0,
  credited_minor bigint      NOT NULL DEFAULT 0,
  refunded_minor bigint      NOT NULL DEFAULT 0,
  PRIMARY KEY (ledger_id, generation, invoice_id, seq)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON proj.invoice_journal TO tradeledger_app;
GRANT SELECT ON proj.invoice_journal TO tradeledger_report;

-- The invoices projection, every generation and any rebuild in progress, from scratch.
DELETE FROM proj.invoices;
DELETE FROM proj.rebuilds WHERE projection = 'invoices';
DELETE FROM proj.generations WHERE projection = 'invoices';
UPDATE ledger.checkpoints
   SET last_seq = 0, last_hash = '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea,
       state_fingerprint = NULL, updated_at = now()
 WHERE projection = 'invoices';
