-- 002: the event store (EVENT-STORE.md). Every key starts with ledger_id, so the tables can be
-- distributed by ledger (ops/SCALING.md). Objects are owned by tradeledger_owner.
SET LOCAL ROLE tradeledger_owner;

CREATE SCHEMA ledger;

-- The one serialization point per ledger: seq and the hash chain advance here, under a row lock
-- taken last by every append.
CREATE TABLE ledger.log_heads (
  ledger_id        text        PRIMARY KEY CHECK (ledger_id ~ '^[A-Za-z0-9._-]{1,64}$'),
  last_seq         bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  last_hash        bytea       NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea,
  last_recorded_at timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Optimistic concurrency per stream: version = number of events in the stream.
CREATE TABLE ledger.streams (
  ledger_id   text   NOT NULL,
  stream_id   text   NOT NULL,
  stream_type text   NOT NULL,
  version     bigint NOT NULL CHECK (version >= 0),
  PRIMARY KEY (ledger_id, stream_id)
);

CREATE TABLE ledger.events (
  ledger_id      text        NOT NULL,
  seq            bigint      NOT NULL CHECK (seq >= 1),
  stream_id      text        NOT NULL,
  stream_version bigint      NOT NULL CHECK (stream_version >= 1),
  event_id       uuid        NOT NULL,
  event_type     text        NOT NULL,
  schema_version integer     NOT NULL,
  body           bytea       NOT NULL,   -- the exact canonical JSON bytes that were hashed
  metadata       jsonb,
  command_id     text,
  recorded_at    timestamptz NOT NULL,   -- system time, never decreasing along seq
  effective_at   timestamptz NOT NULL,   -- business time
  prev_hash      bytea       NOT NULL,
  hash           bytea       NOT NULL,
  PRIMARY KEY (ledger_id, seq),
  UNIQUE (ledger_id, stream_id, stream_version),
  UNIQUE (ledger_id, event_id)
);

-- Idempotency: one row per accepted command; a replay with the same request hash returns it.
CREATE TABLE ledger.commands (
  ledger_id    text        NOT NULL,
  command_id   text        NOT NULL CHECK (length(command_id) BETWEEN 1 AND 128),
  request_hash bytea       NOT NULL,
  first_seq    bigint,
  last_seq     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, command_id)
);

CREATE TABLE ledger.checkpoints (
  ledger_id         text        NOT NULL,
  projection        text        NOT NULL,
  last_seq          bigint      NOT NULL DEFAULT 0,
  last_hash         bytea,
  state_fingerprint bytea,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ledger_id, projection)
);

-- For psql users: the body as jsonb.
CREATE VIEW ledger.events_json AS
  SELECT ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
         convert_from(body, 'UTF8')::jsonb AS body, metadata, command_id, recorded_at,
         effective_at, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash
    FROM ledger.events;
