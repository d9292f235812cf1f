-- 011: reconciliation read models (Sources/Reconciliation). Every key starts with ledger_id and
-- every statement on these tables names one ledger, so they distribute on Citus co-located with
-- the log. They are written only by `reconcile` and `match`, in the same transaction as the
-- events they mirror (the events stay the record: SettlementItemsMatched lists each match).
SET LOCAL ROLE tradeledger_owner;

CREATE SCHEMA recon;

-- One row per ledger. Imports and manual matches lock it first (FOR UPDATE), so they run one at
-- a time per ledger and each sees the matches of the one before; last_seq is how far recon.items
-- has caught up with the log.
CREATE TABLE recon.cursors (
  ledger_id text   NOT NULL PRIMARY KEY,
  last_seq  bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);

-- The ledger side of matching: every card capture and refund, with the keys the stages use.
-- Filled from the log's PaymentCaptured and PaymentRefunded events by the import (seq ≤ the head
-- read under the cursor lock). missing_exception: the missing_in_file exception raised for it.
CREATE TABLE recon.items (
  ledger_id           text   NOT NULL,
  kind                text   NOT NULL CHECK (kind IN ('capture', 'refund')),
  item_id             text   NOT NULL,
  payment_id          text   NOT NULL,
  arn                 text   NOT NULL,
  visa_transaction_id text,
  token_ref           text,
  auth_code           text,
  amount_minor        bigint NOT NULL CHECK (amount_minor > 0),
  currency            text   NOT NULL,
  business_date       date   NOT NULL,
  seq                 bigint NOT NULL,
  missing_exception   text,
  PRIMARY KEY (ledger_id, kind, item_id)
);
CREATE INDEX items_arn ON recon.items (ledger_id, arn);
CREATE INDEX items_visa_transaction_id ON recon.items (ledger_id, visa_transaction_id);
CREATE INDEX items_payment ON recon.items (ledger_id, payment_id);

-- Which file line matched which item (or which exception claimed it: a currency mismatch keeps
-- the item in clearing but out of matching). The primary key is the exclusivity: an item is
-- matched at most once across all files. A TC 25 reversal deletes the row (matchable again).
CREATE TABLE recon.matches (
  ledger_id     text   NOT NULL,
  kind          text   NOT NULL,
  item_id       text   NOT NULL,
  file_id       text   NOT NULL,
  record_number bigint NOT NULL,
  exception_id  text,
  PRIMARY KEY (ledger_id, kind, item_id)
);

-- Imported files: identity by content (file_id = SHA-256 of the bytes) and by what the header
-- claims (BIN, processing date, file sequence). report is the import's --json document.
CREATE TABLE recon.files (
  ledger_id       text        NOT NULL,
  file_id         text        NOT NULL,
  processing_bin  text        NOT NULL,
  processing_date date        NOT NULL,
  file_sequence   text        NOT NULL,
  report          text        NOT NULL,
  imported_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, file_id),
  UNIQUE (ledger_id, processing_bin, processing_date, file_sequence)
);

-- Exceptions as operators list them (the events are on recon-exception-{id}; whether one is
-- resolved is read from its stream's version, so a ResolveException submitted through `submit`
-- shows too). amount is what the exception is about, in minor units of currency.
CREATE TABLE recon.exceptions (
  ledger_id     text   NOT NULL,
  exception_id  text   NOT NULL,
  kind          text   NOT NULL,
  amount_minor  bigint,
  currency      text,
  item_kind     text,
  item_id       text,
  payment_id    text,
  file_id       text,
  record_number bigint,
  opened_on     date   NOT NULL,
  evidence      text   NOT NULL,
  PRIMARY KEY (ledger_id, exception_id)
);

GRANT USAGE ON SCHEMA recon TO tradeledger_app, tradeledger_report;
GRANT SELECT, INSERT, UPDATE ON recon.cursors, recon.items, recon.matches, recon.files, recon.exceptions TO tradeledger_app;
GRANT DELETE ON recon.matches TO tradeledger_app;
GRANT SELECT ON recon.cursors, recon.items, recon.matches, recon.files, recon.exceptions TO tradeledger_report;
