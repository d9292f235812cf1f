-- 009: projection fixes (issue #12).
--
-- 1. Stream types. ledger.streams.stream_type is what EventStore.streamIds(ofType:) looks
--    streams up by, with the types Swift names (LedgerDomain/Model/StreamID.swift). The append
--    functions of 008 derived it as the part before the first dash, so `settlement-file-…` was
--    stored as `settlement` and `recon-exception-…` as `recon`. ledger.stream_type mirrors
--    StreamID.type(of:) (the longest known type followed by a dash and at least one character;
--    an unknown prefix keeps the part before the first dash); ledger.append and
--    ledger.bulk_prepare are replaced by the 008 versions with only that expression changed
--    (same signatures, SECURITY DEFINER, pinned search_path and SET clauses, every check kept);
--    rows stored with the short types are corrected.
-- 2. Invoices as of a date. proj.invoice_journal keeps each event's change to an invoice with
--    its business time, so `invoices --as-of D` sums what was effective by the end of D
--    (amounts and status as the invoice stood then). The invoices projection is emptied and its
--    checkpoint reset: the next `projections run` (or `projections rebuild invoices`) replays it
--    from seq 1 and fills the journal for every invoice.
SET LOCAL ROLE tradeledger_owner;

-- Keep in step with StreamID.types (a test appends one stream of every Swift type through both
-- append paths and compares).
CREATE FUNCTION ledger.stream_type(p_stream_id text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce(
  (SELECT t.name
     FROM unnest(ARRAY['recon-exception', 'settlement-file', 'invoice', 'payment', 'subsidy', 'fxrate', 'payout',
                       'party', 'card']) AS t(name)
    WHERE length(p_stream_id) > length(t.name) + 1 AND starts_with(p_stream_id, t.name || '-')
    ORDER BY length(t.name) DESC
    LIMIT 1),
  split_part(p_stream_id, '-', 1));

-- The online append of 008, stream types from ledger.stream_type.
CREATE OR REPLACE FUNCTION ledger.append(
  p_ledger          text,
  p_command_id      text,
  p_request_hash    bytea,
  p_streams         text[],
  p_expected        bigint[],
  p_event_streams   text[],
  p_event_types     text[],
  p_schema_versions integer[],
  p_bodies          bytea[],
  p_effective_at    timestamptz[],
  p_metadata        jsonb DEFAULT NULL,
  OUT outcome text, OUT first_seq bigint, OUT last_seq bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n_events   integer := coalesce(array_length(p_event_types, 1), 0);
  stored     record;
  s          record;
  cur        bigint;
  versions   jsonb := '{}'::jsonb;
  head       record;
  rec_at     timestamptz;
  prev       bytea;
  seqs       bigint[] := '{}';
  svers      bigint[] := '{}';
  hashes     bytea[] := '{}';
  prevs      bytea[] := '{}';
  ids        uuid[] := '{}';
  id         uuid;
  i          integer;
  v          bigint;
BEGIN
  IF n_events = 0 OR coalesce(array_length(p_streams, 1), 0) = 0
     OR array_length(p_expected, 1) IS DISTINCT FROM array_length(p_streams, 1)
     OR array_length(p_event_streams, 1) IS DISTINCT FROM n_events
     OR array_length(p_schema_versions, 1) IS DISTINCT FROM n_events
     OR array_length(p_bodies, 1) IS DISTINCT FROM n_events
     OR array_length(p_effective_at, 1) IS DISTINCT FROM n_events THEN
    RAISE EXCEPTION 'append: argument arrays are empty or of different lengths' USING ERRCODE = 'TL004';
  END IF;
  IF p_ledger !~ '^[A-Za-z0-9._-]{1,64}$' THEN
    RAISE EXCEPTION 'append: ledger id must be 1-64 characters of [A-Za-z0-9._-]' USING ERRCODE = 'TL004';
  END IF;

  -- 0. A command appended before: its first result (no locks taken).
  SELECT c.request_hash, c.first_seq, c.last_seq INTO stored
    FROM ledger.commands c WHERE c.ledger_id = p_ledger AND c.command_id = p_command_id;
  IF FOUND THEN
    IF stored.request_hash = p_request_hash THEN
      outcome := 'duplicate'; first_seq := stored.first_seq; last_seq := stored.last_seq;
      RETURN;
    END IF;
    RAISE EXCEPTION 'command id % was already used with a different request', p_command_id
      USING ERRCODE = 'TL002';
  END IF;

  -- 2. Streams, in sorted order: check and bump versions.
  FOR s IN
    SELECT t.stream_id, t.expected,
           (SELECT count(*) FROM unnest(p_event_streams) e WHERE e = t.stream_id) AS n
      FROM unnest(p_streams, p_expected) AS t(stream_id, expected)
     ORDER BY t.stream_id COLLATE "C"
  LOOP
    IF s.n = 0 THEN
      RAISE EXCEPTION 'append: stream % has no events', s.stream_id USING ERRCODE = 'TL004';
    END IF;
    SELECT st.version INTO cur FROM ledger.streams st
     WHERE st.ledger_id = p_ledger AND st.stream_id = s.stream_id FOR UPDATE;
    IF NOT FOUND THEN
      IF s.expected > 0 THEN
        RAISE EXCEPTION 'version conflict on stream %: expected version %, stream does not exist', s.stream_id, s.expected
          USING ERRCODE = 'TL001', DETAIL = s.stream_id;
      END IF;
      INSERT INTO ledger.streams (ledger_id, stream_id, stream_type, version)
      VALUES (p_ledger, s.stream_id, ledger.stream_type(s.stream_id), s.n)
      ON CONFLICT (ledger_id, stream_id) DO NOTHING;
      IF NOT FOUND THEN  -- created concurrently since our look
        IF s.expected = 0 THEN
          RAISE EXCEPTION 'version conflict on stream %: expected no stream, it exists', s.stream_id
            USING ERRCODE = 'TL001', DETAIL = s.stream_id;
        END IF;
        SELECT st.version INTO cur FROM ledger.streams st
         WHERE st.ledger_id = p_ledger AND st.stream_id = s.stream_id FOR UPDATE;
        UPDATE ledger.streams SET version = version + s.n WHERE ledger_id = p_ledger AND stream_id = s.stream_id;
      ELSE
        cur := 0;
      END IF;
    ELSE
      IF s.expected >= 0 AND s.expected <> cur THEN
        RAISE EXCEPTION 'version conflict on stream %: expected version %, actual %', s.stream_id, s.expected, cur
          USING ERRCODE = 'TL001', DETAIL = s.stream_id;
      END IF;
      UPDATE ledger.streams SET version = version + s.n WHERE ledger_id = p_ledger AND stream_id = s.stream_id;
    END IF;
    versions := versions || jsonb_build_object(s.stream_id, cur);
  END LOOP;

  -- 3. The ledger head.
  INSERT INTO ledger.log_heads (ledger_id) VALUES (p_ledger) ON CONFLICT (ledger_id) DO NOTHING;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  rec_at := greatest(clock_timestamp(), head.last_recorded_at);

  -- 4. The command key, with its seq range. Taken meanwhile by a twin that held the head
  --    before us: TL006 rolls this call back; asked again, step 0 answers.
  INSERT INTO ledger.commands (ledger_id, command_id, request_hash, first_seq, last_seq)
  VALUES (p_ledger, p_command_id, p_request_hash, head.last_seq + 1, head.last_seq + n_events)
  ON CONFLICT (ledger_id, command_id) DO NOTHING;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'command id % was appended concurrently; ask again', p_command_id USING ERRCODE = 'TL006';
  END IF;
  prev := head.last_hash;
  FOR i IN 1..n_events LOOP
    v := (versions ->> p_event_streams[i])::bigint + 1;
    IF v IS NULL THEN
      RAISE EXCEPTION 'append: event % names stream % that is not in p_streams', i, p_event_streams[i] USING ERRCODE = 'TL004';
    END IF;
    versions := versions || jsonb_build_object(p_event_streams[i], v);
    id := ledger.event_uuid(p_ledger, p_command_id, i - 1);
    seqs := seqs || (head.last_seq + i);
    svers := svers || v;
    prevs := prevs || prev;
    prev := ledger.event_hash_v2(prev, p_ledger, head.last_seq + i, p_event_streams[i], v, id, p_event_types[i],
                                 p_schema_versions[i], rec_at, p_effective_at[i], p_command_id, p_metadata, p_bodies[i]);
    hashes := hashes || prev;
    ids := ids || id;
  END LOOP;

  INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                             body, metadata, command_id, recorded_at, effective_at, prev_hash, hash, hash_version)
  SELECT p_ledger, e.seq, e.stream_id, e.sv, e.id, e.et, e.sch, e.body, p_metadata, p_command_id, rec_at, e.eff, e.ph, e.h, 2
    FROM unnest(seqs, p_event_streams, svers, ids, p_event_types, p_schema_versions, p_bodies, p_effective_at, prevs, hashes)
      AS e(seq, stream_id, sv, id, et, sch, body, eff, ph, h);

  UPDATE ledger.log_heads
     SET last_seq = head.last_seq + n_events, last_hash = prev, last_recorded_at = rec_at, updated_at = rec_at
   WHERE ledger_id = p_ledger;

  outcome := 'appended'; first_seq := head.last_seq + 1; last_seq := head.last_seq + n_events;
END
$$;

-- Bulk append step 1 of 008, stream types from ledger.stream_type.
CREATE OR REPLACE FUNCTION ledger.bulk_prepare(
  p_ledger         text,
  p_command_ids    text[],
  p_request_hashes bytea[],
  p_streams        text[],
  p_expected       bigint[],
  p_added          bigint[],
  OUT last_seq bigint, OUT last_hash bytea, OUT recorded_at timestamptz, OUT bases bigint[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  bad  record;
  head record;
  n    bigint;
BEGIN
  IF coalesce(array_length(p_command_ids, 1), 0) = 0
     OR array_length(p_request_hashes, 1) IS DISTINCT FROM array_length(p_command_ids, 1)
     OR coalesce(array_length(p_streams, 1), 0) = 0
     OR array_length(p_expected, 1) IS DISTINCT FROM array_length(p_streams, 1)
     OR array_length(p_added, 1) IS DISTINCT FROM array_length(p_streams, 1)
     OR EXISTS (SELECT 1 FROM unnest(p_added) a WHERE a IS NULL OR a < 0) THEN
    RAISE EXCEPTION 'bulk_prepare: argument arrays are empty, of different lengths or negative' USING ERRCODE = 'TL004';
  END IF;
  IF p_ledger !~ '^[A-Za-z0-9._-]{1,64}$' THEN
    RAISE EXCEPTION 'bulk_prepare: ledger id must be 1-64 characters of [A-Za-z0-9._-]' USING ERRCODE = 'TL004';
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(p_streams[1:array_length(p_streams, 1) - 1], p_streams[2:]) AS u(a, b)
              WHERE NOT (u.a COLLATE "C" < u.b COLLATE "C")) THEN
    RAISE EXCEPTION 'bulk_prepare: streams must be sorted and distinct' USING ERRCODE = 'TL004';
  END IF;

  -- The staging tables live for the session and are emptied at every commit, so rows in
  -- append_commands mean this transaction prepared a bulk append already.
  IF to_regclass('pg_temp.append_stage') IS NULL THEN
    CREATE TEMP TABLE append_stage (
      seq bigint, stream_id text, stream_version bigint, event_id uuid, event_type text, schema_version integer,
      body bytea, command_id text, recorded_at timestamptz, effective_at timestamptz, prev_hash bytea, hash bytea
    ) ON COMMIT DELETE ROWS;
    GRANT INSERT ON pg_temp.append_stage TO tradeledger_app;
    CREATE TEMP TABLE append_streams (stream_id text, base bigint, added bigint) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE append_commands (command_id text, request_hash bytea) ON COMMIT DELETE ROWS;
  ELSIF EXISTS (SELECT 1 FROM pg_temp.append_commands) OR EXISTS (SELECT 1 FROM ledger.log_heads h
                 WHERE h.ledger_id = p_ledger AND h.xmin = pg_current_xact_id()::xid) THEN
    RAISE EXCEPTION 'bulk_prepare: one bulk append per transaction' USING ERRCODE = 'TL004';
  END IF;

  -- Duplicate command ids fail on commands_pkey in bulk_commit.
  INSERT INTO pg_temp.append_commands SELECT u.id, u.h FROM unnest(p_command_ids, p_request_hashes) AS u(id, h);

  -- 1. Streams, in one pass sorted by id (the order ledger.append takes them in): each existing
  --    one locked (ON CONFLICT … DO UPDATE … WHERE false locks the row without writing it),
  --    each new one that gets events created with its final version. A stream that gets no
  --    events (an expectation only) is locked if it exists and is never created.
  INSERT INTO ledger.streams AS st (ledger_id, stream_id, stream_type, version)
  SELECT p_ledger, u.id, ledger.stream_type(u.id), u.n
    FROM unnest(p_streams, p_added) AS u(id, n)
   WHERE u.n > 0 OR EXISTS (SELECT 1 FROM ledger.streams x WHERE x.ledger_id = p_ledger AND x.stream_id = u.id)
   ORDER BY u.id COLLATE "C"
  ON CONFLICT (ledger_id, stream_id) DO UPDATE SET version = st.version WHERE false;

  -- Each stream's version before this chunk (0 for the ones just created), recorded for
  -- bulk_commit and returned; every expectation checked in the same pass.
  WITH u AS (
    SELECT u.id, u.n, u.expected, u.ord,
           CASE WHEN st.xmin = pg_current_xact_id()::xid THEN 0 ELSE coalesce(st.version, 0) END AS base
      FROM unnest(p_streams, p_added, p_expected) WITH ORDINALITY AS u(id, n, expected, ord)
      LEFT JOIN ledger.streams st ON st.ledger_id = p_ledger AND st.stream_id = u.id
  ), ins AS (
    INSERT INTO pg_temp.append_streams SELECT u.id, u.base, u.n FROM u
  )
  SELECT array_agg(u.base ORDER BY u.ord),
         (array_agg(u.ord ORDER BY u.ord) FILTER (WHERE (u.expected > 0 AND u.base <> u.expected) OR (u.expected = 0 AND u.base <> 0)))[1]
    INTO bases, n FROM u;
  IF n IS NOT NULL THEN
    RAISE EXCEPTION 'version conflict on stream %: expected %, %', p_streams[n],
      CASE WHEN p_expected[n] = 0 THEN 'no stream' ELSE 'version ' || p_expected[n] END,
      CASE WHEN bases[n] = 0 THEN 'stream does not exist' ELSE 'actual ' || bases[n] END
      USING ERRCODE = 'TL001', DETAIL = p_streams[n];
  END IF;

  -- 2. The head.
  INSERT INTO ledger.log_heads (ledger_id) VALUES (p_ledger) ON CONFLICT (ledger_id) DO NOTHING;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  last_seq := head.last_seq;
  last_hash := head.last_hash;
  recorded_at := greatest(clock_timestamp(), head.last_recorded_at);
END
$$;

UPDATE ledger.streams SET stream_type = ledger.stream_type(stream_id)
 WHERE (stream_id LIKE 'settlement-file-%' OR stream_id LIKE 'recon-exception-%')
   AND stream_type IS DISTINCT FROM ledger.stream_type(stream_id);

REVOKE ALL ON FUNCTION ledger.stream_type(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.stream_type(text) TO tradeledger_app;

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
