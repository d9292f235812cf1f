-- 004: the event hash. Swift (EventStore/EventHash.swift) computes the same bytes; shared test
-- vectors in Tests/EventStoreTests prove it.
--   hash = SHA-256(prev_hash ‖ lp(ledger_id) ‖ i64(seq) ‖ lp(stream_id) ‖ i64(stream_version)
--                  ‖ lp(event_type) ‖ i32(schema_version) ‖ i64(recorded_at µs) ‖ i64(effective_at µs)
--                  ‖ lp(command_id or '') ‖ lp(body))
--   lp(x) = i32 big-endian byte length ‖ bytes (text as UTF-8); iN = big-endian integer;
--   timestamps as microseconds since 1970-01-01 UTC.
SET LOCAL ROLE tradeledger_owner;

CREATE FUNCTION ledger.lp(b bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN int4send(octet_length(b)) || b;

CREATE FUNCTION ledger.epoch_us(t timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (extract(epoch FROM t) * 1000000)::bigint;

CREATE FUNCTION ledger.event_hash(
  prev_hash bytea, ledger_id text, seq bigint, stream_id text, stream_version bigint,
  event_type text, schema_version integer, recorded_at timestamptz, effective_at timestamptz,
  command_id text, body bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sha256(
  prev_hash
  || ledger.lp(convert_to(ledger_id, 'UTF8'))
  || int8send(seq)
  || ledger.lp(convert_to(stream_id, 'UTF8'))
  || int8send(stream_version)
  || ledger.lp(convert_to(event_type, 'UTF8'))
  || int4send(schema_version)
  || int8send(ledger.epoch_us(recorded_at))
  || int8send(ledger.epoch_us(effective_at))
  || ledger.lp(convert_to(coalesce(command_id, ''), 'UTF8'))
  || ledger.lp(body));

-- Deterministic event id: the first 16 bytes of SHA-256(ledger ‖ 0 ‖ command ‖ 0 ‖ index),
-- so re-running a command batch after a crash produces the same ids.
CREATE FUNCTION ledger.event_uuid(ledger_id text, command_id text, idx integer) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN encode(substring(sha256(convert_to(ledger_id, 'UTF8') || '\x00'::bytea
        || convert_to(command_id, 'UTF8') || '\x00'::bytea || int4send(idx)) FROM 1 FOR 16), 'hex')::uuid;
