-- 016: the balances journal keeps one row per event that posts, with its postings as arrays in
-- posting order, instead of one row per posting (issue #15: fewer journal rows per event).
--
-- Why: a rebuild's largest single write was this journal, about 2.1–3.3 rows per event into two
-- indexes. Measured by hand on the 151k-event bench ledger (2026-12-02, bench cluster, binary
-- COPY of the same postings): 323,161 rows one per posting took 2.22–2.66 s, the same postings as
-- 99,470 rows one per event 1.10–1.15 s; the table with its indexes is 34 MB instead of 54 MB. The
-- readers (balances as of a time, payable balances, verify's journal check) unnest the arrays.
--
-- Posting i of an event (posting_no i in 007's table) is element i + 1 of each array; the three
-- arrays have one element per posting (checked). effective_at is the event's, as before (every
-- posting of an event carried the same one). An event without postings has no row, as before.
--
-- The rows of every generation, live and in progress, are carried over in this transaction, so
-- as-of queries and a rebuild in progress go on from where they were. On a large ledger this
-- rewrites the whole journal once (here 2.6 s for 151k events, 10.2 s for 714k); it holds an exclusive lock on
-- the journal meanwhile, so run it when no projection runner or rebuild is working.
--
-- Citus: like every projection table, keyed by ledger_id first; when the old table was
-- distributed, distribute the new one the same way (ops/SCALING.md) before the application
-- writes it.
SET LOCAL ROLE tradeledger_owner;

ALTER TABLE proj.journal RENAME TO journal_per_posting;
ALTER TABLE proj.journal_per_posting RENAME CONSTRAINT journal_pkey TO journal_per_posting_pkey;
ALTER INDEX proj.journal_as_of RENAME TO journal_per_posting_as_of;

CREATE TABLE proj.journal (
  ledger_id    text        NOT NULL,
  generation   bigint      NOT NULL,
  seq          bigint      NOT NULL,
  effective_at timestamptz NOT NULL,
  accounts     text[]      NOT NULL,
  currencies   text[]      NOT NULL,
  amounts      bigint[]    NOT NULL,
  PRIMARY KEY (ledger_id, generation, seq),
  CONSTRAINT journal_postings CHECK (cardinality(accounts) > 0 AND cardinality(currencies) = cardinality(accounts)
                                     AND cardinality(amounts) = cardinality(accounts))
);

INSERT INTO proj.journal (ledger_id, generation, seq, effective_at, accounts, currencies, amounts)
SELECT ledger_id, generation, seq, min(effective_at),
       array_agg(account ORDER BY posting_no), array_agg(currency ORDER BY posting_no),
       array_agg(amount_minor ORDER BY posting_no)
  FROM proj.journal_per_posting
 GROUP BY ledger_id, generation, seq;

DROP TABLE proj.journal_per_posting;

CREATE INDEX journal_as_of ON proj.journal (ledger_id, generation, effective_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON proj.journal TO tradeledger_app;
GRANT SELECT ON proj.journal TO tradeledger_report;
