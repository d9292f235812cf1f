-- 007: projections (read models rebuilt from the log). Every row carries its generation: the
-- runner writes the live generation; a rebuild writes a fresh one while the live one keeps
-- answering, then `proj.generations` is switched in one transaction (blue/green). Amounts are
-- minor units of `currency`.
SET LOCAL ROLE tradeledger_owner;

CREATE SCHEMA proj;
CREATE SEQUENCE proj.generation_seq;

-- The live generation of each projection, per ledger.
CREATE TABLE proj.generations (
  ledger_id  text   NOT NULL,
  projection text   NOT NULL CHECK (projection IN ('balances', 'invoices', 'subsidies')),
  generation bigint NOT NULL,
  switched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, projection)
);

-- A rebuild in progress (one per ledger and projection): resumable after an interruption.
CREATE TABLE proj.rebuilds (
  ledger_id  text   NOT NULL,
  projection text   NOT NULL,
  generation bigint NOT NULL,
  last_seq   bigint NOT NULL DEFAULT 0,
  last_hash  bytea  NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, projection)
);

-- balances: the journal of postings and running balances per account and currency.
CREATE TABLE proj.journal (
  ledger_id    text        NOT NULL,
  generation   bigint      NOT NULL,
  seq          bigint      NOT NULL,
  posting_no   integer     NOT NULL,
  account      text        NOT NULL,
  currency     text        NOT NULL,
  amount_minor bigint      NOT NULL,
  effective_at timestamptz NOT NULL,
  PRIMARY KEY (ledger_id, generation, seq, posting_no)
);
CREATE INDEX journal_as_of ON proj.journal (ledger_id, generation, effective_at);

CREATE TABLE proj.balances (
  ledger_id     text   NOT NULL,
  generation    bigint NOT NULL,
  account       text   NOT NULL,
  currency      text   NOT NULL,
  debits_minor  bigint NOT NULL DEFAULT 0 CHECK (debits_minor >= 0),
  credits_minor bigint NOT NULL DEFAULT 0 CHECK (credits_minor >= 0),
  PRIMARY KEY (ledger_id, generation, account, currency)
);

-- invoices: amounts only; status (issued, partially_paid, paid, overdue, credited, refunded) is
-- derived at query time, so "overdue as of a date" needs no rewrite.
CREATE TABLE proj.invoices (
  ledger_id      text   NOT NULL,
  generation     bigint NOT NULL,
  invoice_id     text   NOT NULL,
  seller_id      text   NOT NULL,
  buyer_id       text   NOT NULL,
  currency       text   NOT NULL,
  total_minor    bigint NOT NULL,
  paid_minor     bigint NOT NULL DEFAULT 0,
  credited_minor bigint NOT NULL DEFAULT 0,
  refunded_minor bigint NOT NULL DEFAULT 0,
  issue_date     date   NOT NULL,
  due_date       date   NOT NULL,
  PRIMARY KEY (ledger_id, generation, invoice_id)
);

-- subsidies: per programme, and the net subsidy per merchant.
CREATE TABLE proj.subsidy_programs (
  ledger_id      text   NOT NULL,
  generation     bigint NOT NULL,
  program_id     text   NOT NULL,
  currency       text   NOT NULL,
  budget_minor   bigint NOT NULL,
  granted_minor  bigint NOT NULL DEFAULT 0,
  reversed_minor bigint NOT NULL DEFAULT 0,
  claimed_minor  bigint NOT NULL DEFAULT 0,
  funded_minor   bigint NOT NULL DEFAULT 0,
  grants         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (ledger_id, generation, program_id)
);

CREATE TABLE proj.subsidy_merchants (
  ledger_id   text   NOT NULL,
  generation  bigint NOT NULL,
  program_id  text   NOT NULL,
  merchant_id text   NOT NULL,
  currency    text   NOT NULL,
  net_minor   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (ledger_id, generation, program_id, merchant_id)
);

GRANT USAGE ON SCHEMA proj TO tradeledger_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA proj TO tradeledger_app;
GRANT USAGE, SELECT ON SEQUENCE proj.generation_seq TO tradeledger_app;
