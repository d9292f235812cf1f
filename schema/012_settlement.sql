-- 012: settlement runs (issue #14). One row per ledger and settlement date: the manifest hash of
-- the plan that was applied, when the run started and when it completed. The log holds the
-- payouts and claims themselves (idempotent by their ids); this table holds what the log cannot
-- answer cheaply: the latest settled date, so an earlier date can be refused. Keyed by ledger_id
-- first (Citus-distributable); no statement spans ledgers.
SET LOCAL ROLE tradeledger_owner;

CREATE SCHEMA settle;

CREATE TABLE settle.runs (
  ledger_id       text        NOT NULL,
  settlement_date date        NOT NULL,
  manifest_hash   text        NOT NULL CHECK (manifest_hash ~ '^[0-9a-f]{64}$'),
  payouts         integer     NOT NULL CHECK (payouts >= 0),
  claims          integer     NOT NULL CHECK (claims >= 0),
  started_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  PRIMARY KEY (ledger_id, settlement_date)
);

GRANT USAGE ON SCHEMA settle TO tradeledger_app, tradeledger_report;
GRANT SELECT, INSERT, UPDATE ON settle.runs TO tradeledger_app;
GRANT SELECT ON settle.runs TO tradeledger_report;
