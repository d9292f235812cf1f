-- 008: the database enforces the log (README "Security").
--
-- * The application role writes the log only through SECURITY DEFINER functions owned by
--   tradeledger_owner, with a pinned search_path: ledger.append (one command, online) and
--   ledger.bulk_prepare + binary COPY into the session's staging table + ledger.bulk_commit
--   (many commands). Each checks what a correct writer guarantees: seq contiguous from the head,
--   the first prev_hash equal to the head's hash and each next one to the previous hash, every
--   hash recomputed by the server, stream versions contiguous from the locked stream rows,
--   one recorded_at per transaction that never goes back and is not in the future.
-- * The application role keeps SELECT on the log and loses INSERT/UPDATE/DELETE/TRUNCATE on
--   events, log_heads, streams and commands. It still maintains ledger.checkpoints and the
--   proj schema: derived state that a rebuild rewrites from the log and that verify checks.
-- * tradeledger_report reads the projections (schema proj) only.
-- * The hash, version 2, covers every stored column of an event, event_id and metadata
--   included; rows stored before this migration keep hash_version 1 and verify as before.
-- * tradeledger_owner can log in, so DDL runs as a role that can open connections (Citus opens
--   its connections to the workers as the current role).
--
-- One lock order on both write paths: stream rows (sorted, C collation) → ledger head → command
-- keys. A command key is inserted only by a transaction that holds its ledger's head, so the
-- key insert never waits on another writer; a twin of an in-flight command waits on the head
-- and then finds the key taken (online: TL006, the caller asks again and gets `duplicate`;
-- bulk: a unique violation on commands_pkey, the caller redoes the chunk). Each command row is
-- written once, with its seq range.
--
-- Roles first, as the migrating user (a superuser; or tradeledger_owner itself on a cluster
-- where ops/pg already created the roles, so nothing here needs CREATEROLE).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeledger_report') THEN
    CREATE ROLE tradeledger_report NOLOGIN;
  END IF;
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tradeledger_owner') THEN
    ALTER ROLE tradeledger_owner LOGIN;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO tradeledger_report', current_database());
END
$$;

SET LOCAL ROLE tradeledger_owner;

ALTER TABLE ledger.events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
ALTER TABLE ledger.events ALTER COLUMN hash_version SET DEFAULT 2;

-- A nullable length-prefixed field: i32(-1) for NULL, else i32(length) ‖ bytes.
CREATE FUNCTION ledger.lpn(b bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN b IS NULL THEN int4send(-1) ELSE int4send(octet_length(b)) || b END;

-- Hash version 2 (EventStore/EventHash.swift computes the same bytes):
--   SHA-256(0x02 ‖ prev_hash ‖ lp(ledger_id) ‖ i64(seq) ‖ lp(stream_id) ‖ i64(stream_version)
--           ‖ event_id (16 bytes) ‖ lp(event_type) ‖ i32(schema_version) ‖ ts(recorded_at)
--           ‖ ts(effective_at) ‖ lpn(command_id) ‖ lpn(metadata as jsonb text) ‖ lp(body))
-- ts(t) is PostgreSQL's binary timestamptz: i64 microseconds since 2000-01-01 00:00 UTC
-- (timestamptz_send; version 1's extract(epoch …) goes through numeric and costs 4× more).
-- metadata enters as PostgreSQL's jsonb text rendering (keys ordered, fixed spacing), which is
-- what a reader gets back for the stored value. Declared STABLE, not IMMUTABLE, because
-- convert_to is STABLE: an IMMUTABLE SQL function calling it is never inlined, and the
-- bulk check calls this once per row (inlined: about 3 µs; not inlined: about 30 µs).
CREATE FUNCTION ledger.event_hash_v2(
  prev_hash bytea, ledger_id text, seq bigint, stream_id text, stream_version bigint, event_id uuid,
  event_type text, schema_version integer, recorded_at timestamptz, effective_at timestamptz,
  command_id text, metadata jsonb, body bytea) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
RETURN sha256(
  '\x02'::bytea
  || prev_hash
  || ledger.lp(convert_to(ledger_id, 'UTF8'))
  || int8send(seq)
  || ledger.lp(convert_to(stream_id, 'UTF8'))
  || int8send(stream_version)
  || uuid_send(event_id)
  || ledger.lp(convert_to(event_type, 'UTF8'))
  || int4send(schema_version)
  || timestamptz_send(recorded_at)
  || timestamptz_send(effective_at)
  || ledger.lpn(convert_to(command_id, 'UTF8'))
  || ledger.lpn(convert_to(metadata::text, 'UTF8'))
  || ledger.lp(body));

-- A stream's type, as StreamID.type(of:) in Swift: the longest known type followed by a dash
-- and at least one character (`settlement-file`, `recon-exception`), else the part before the
-- first dash. A CASE, so that it is inlined (the bulk path calls it for every new stream). Keep
-- in step with StreamID.types (a test appends one stream of every Swift type on both paths).
CREATE FUNCTION ledger.stream_type(p_stream_id text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
  WHEN p_stream_id LIKE 'recon-exception-_%' THEN 'recon-exception'
  WHEN p_stream_id LIKE 'settlement-file-_%' THEN 'settlement-file'
  ELSE split_part(p_stream_id, '-', 1)
END;

-- The online append (the contract of 005; now hash version 2, SECURITY DEFINER, command keys
-- last, and a stream listed with no events is a check-only expectation, as on the bulk path).
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
    SELECT st.version INTO cur FROM ledger.streams st
     WHERE st.ledger_id = p_ledger AND st.stream_id = s.stream_id FOR UPDATE;
    IF s.n = 0 THEN
      -- A check-only expectation (a guard): the stream is locked if it exists, never created or
      -- moved on.
      IF (s.expected > 0 AND cur IS DISTINCT FROM s.expected) OR (s.expected = 0 AND coalesce(cur, 0) <> 0) THEN
        RAISE EXCEPTION 'version conflict on stream %: expected %, %', s.stream_id,
          CASE WHEN s.expected = 0 THEN 'no stream' ELSE 'version ' || s.expected END,
          CASE WHEN cur IS NULL THEN 'stream does not exist' ELSE 'actual ' || cur END
          USING ERRCODE = 'TL001', DETAIL = s.stream_id;
      END IF;
      CONTINUE;
    END IF;
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

-- Bulk append, step 1 of 2. In the caller's transaction, in the one lock order: locks the
-- streams sorted and checks each one's expected version (-1 any, 0 no stream, n exact; TL001),
-- creates the new ones with their final version, then locks the head (the command keys are
-- inserted by step 2, under the head). Returns the head, the
-- recorded_at every event of the chunk gets, and each stream's version before the chunk
-- (aligned with p_streams). The caller then fills pg_temp.append_stage by
-- binary COPY and calls ledger.bulk_commit, which checks the staged rows against what this
-- function recorded in pg_temp.append_streams and pg_temp.append_commands: temporary tables
-- owned by tradeledger_owner that the application role cannot write.
CREATE FUNCTION ledger.bulk_prepare(
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
    CREATE TEMP TABLE append_created (stream_id text) ON COMMIT DELETE ROWS;
  ELSIF EXISTS (SELECT 1 FROM pg_temp.append_commands) THEN
    RAISE EXCEPTION 'bulk_prepare: one bulk append per transaction' USING ERRCODE = 'TL004';
  END IF;

  -- Duplicate command ids fail on commands_pkey in bulk_commit.
  INSERT INTO pg_temp.append_commands SELECT u.id, u.h FROM unnest(p_command_ids, p_request_hashes) AS u(id, h);

  -- 1. Streams, in one pass sorted by id (the order ledger.append takes them in): each existing
  --    one locked (ON CONFLICT … DO UPDATE … WHERE false locks the row without writing it),
  --    each new one that gets events created with its final version. A stream that gets no
  --    events (an expectation only) is locked if it exists and is never created. RETURNING
  --    gives the created ones only (a row locked by WHERE false is not returned); no system
  --    column (xmin) is used, so this works on Citus, where shards have their own xids.
  WITH created AS (
    INSERT INTO ledger.streams AS st (ledger_id, stream_id, stream_type, version)
    SELECT p_ledger, u.id, ledger.stream_type(u.id), u.n
      FROM unnest(p_streams, p_added) AS u(id, n)
     WHERE u.n > 0 OR EXISTS (SELECT 1 FROM ledger.streams x WHERE x.ledger_id = p_ledger AND x.stream_id = u.id)
     ORDER BY u.id COLLATE "C"
    ON CONFLICT (ledger_id, stream_id) DO UPDATE SET version = st.version WHERE false
    RETURNING st.stream_id
  )
  INSERT INTO pg_temp.append_created SELECT c.stream_id FROM created c;

  -- Each stream's version before this chunk (0 for the ones just created), recorded for
  -- bulk_commit and returned; every expectation checked in the same pass.
  WITH u AS (
    SELECT u.id, u.n, u.expected, u.ord,
           CASE WHEN c.stream_id IS NOT NULL THEN 0 ELSE coalesce(st.version, 0) END AS base
      FROM unnest(p_streams, p_added, p_expected) WITH ORDINALITY AS u(id, n, expected, ord)
      LEFT JOIN ledger.streams st ON st.ledger_id = p_ledger AND st.stream_id = u.id
      LEFT JOIN pg_temp.append_created c ON c.stream_id = u.id
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

-- Raises the refusal of one staged row (called by bulk_commit only for a row that fails).
CREATE FUNCTION ledger.refuse_staged(p_seq bigint, p_why text) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'bulk_commit: staged event at seq % refused: %', p_seq, p_why USING ERRCODE = 'TL005';
END
$$;

-- Bulk append, step 2 of 2: checks the rows the caller staged against the locked head and what
-- bulk_prepare recorded, moves them into ledger.events, and advances streams and head and
-- inserts the command rows with their seq ranges (3. in the lock order). Refuses (TL005, naming the first bad seq) anything a correct writer would not stage.
CREATE FUNCTION ledger.bulk_commit(p_ledger text, p_recorded_at timestamptz,
                                   OUT first_seq bigint, OUT last_seq bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head record;
  n    bigint;
  bad  record;
BEGIN
  IF to_regclass('pg_temp.append_commands') IS NULL THEN
    RAISE EXCEPTION 'bulk_commit: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_temp.append_commands) THEN
    RAISE EXCEPTION 'bulk_commit: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'bulk_commit: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  IF p_recorded_at IS NULL OR p_recorded_at < coalesce(head.last_recorded_at, '-infinity') OR p_recorded_at > clock_timestamp() THEN
    RAISE EXCEPTION 'bulk_commit: recorded_at is before the head''s or in the future' USING ERRCODE = 'TL005';
  END IF;

  -- 1. Move the staged rows into the log, each checked on the way (one pass; a refused row
  --    raises TL005 naming its seq and rolls everything back): seq contiguous from the head,
  --    the chain linked from the head's hash, each hash recomputed by the server, one
  --    recorded_at, streams locked by bulk_prepare with versions contiguous from theirs.
  --    The hash is computed in the scan, before the window sorts.
  INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                             body, metadata, command_id, recorded_at, effective_at, prev_hash, hash, hash_version)
  SELECT p_ledger, s.seq, s.stream_id, s.stream_version, s.event_id, s.event_type, s.schema_version,
         s.body, NULL, s.command_id, s.recorded_at, s.effective_at, s.prev_hash, s.hash, 2
    FROM (
      SELECT a.*, l.base, l.added,
             a.hash = ledger.event_hash_v2(a.prev_hash, p_ledger, a.seq, a.stream_id, a.stream_version, a.event_id,
                        a.event_type, a.schema_version, a.recorded_at, a.effective_at, a.command_id, NULL, a.body) AS hash_ok,
             row_number() OVER (ORDER BY a.seq) AS rn,
             lag(a.hash) OVER (ORDER BY a.seq) AS prev_link,
             row_number() OVER (PARTITION BY a.stream_id ORDER BY a.seq) AS srn
        FROM pg_temp.append_stage a
        LEFT JOIN pg_temp.append_streams l ON l.stream_id = a.stream_id
    ) s
   WHERE CASE
           WHEN s.seq = head.last_seq + s.rn
            AND s.prev_hash = coalesce(s.prev_link, head.last_hash)
            AND s.recorded_at = p_recorded_at
            AND s.stream_version = s.base + s.srn AND s.srn <= s.added
            AND s.hash_ok
           THEN true
           ELSE ledger.refuse_staged(s.seq, CASE
             WHEN s.seq IS DISTINCT FROM head.last_seq + s.rn THEN 'seq is not contiguous from the head'
             WHEN s.prev_hash IS DISTINCT FROM coalesce(s.prev_link, head.last_hash) THEN 'prev_hash does not link to the previous hash'
             WHEN s.recorded_at IS DISTINCT FROM p_recorded_at THEN 'recorded_at differs from the chunk''s'
             WHEN s.base IS NULL THEN 'stream was not locked by bulk_prepare'
             WHEN s.stream_version IS DISTINCT FROM s.base + s.srn OR s.srn > s.added THEN 'stream_version is not contiguous from the stream''s version'
             ELSE 'hash does not match the event''s contents' END)
         END;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n = 0 THEN
    RAISE EXCEPTION 'bulk_commit: nothing staged' USING ERRCODE = 'TL004';
  END IF;
  SELECT l.stream_id INTO bad FROM pg_temp.append_streams l
    LEFT JOIN (SELECT a.stream_id, count(*) AS n FROM pg_temp.append_stage a GROUP BY a.stream_id) g ON g.stream_id = l.stream_id
   WHERE l.added <> coalesce(g.n, 0) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bulk_commit: stream % did not get the events bulk_prepare announced', bad.stream_id USING ERRCODE = 'TL005';
  END IF;

  -- New streams were created by bulk_prepare with their final version; move the others on.
  UPDATE ledger.streams st SET version = l.base + l.added
    FROM pg_temp.append_streams l
   WHERE st.ledger_id = p_ledger AND st.stream_id = l.stream_id AND l.base > 0 AND l.added > 0;
  -- 3. Command keys last (a command appended meanwhile: unique violation on commands_pkey).
  --    Every staged command must have been announced, and every announced one staged.
  WITH g AS (
    SELECT a.command_id, min(a.seq) AS f, max(a.seq) AS l FROM pg_temp.append_stage a GROUP BY a.command_id
  ), ins AS (
    INSERT INTO ledger.commands (ledger_id, command_id, request_hash, first_seq, last_seq)
    SELECT p_ledger, k.command_id, k.request_hash, g.f, g.l
      FROM pg_temp.append_commands k JOIN g ON g.command_id = k.command_id
     ORDER BY g.f
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM g) = (SELECT count(*) FROM ins)
     AND (SELECT count(*) FROM ins) = (SELECT count(*) FROM pg_temp.append_commands) AS ok INTO bad;
  IF NOT bad.ok THEN
    RAISE EXCEPTION 'bulk_commit: the staged commands differ from those announced to bulk_prepare' USING ERRCODE = 'TL005';
  END IF;
  -- The staged rows are contiguous from the head, so the new head is the row at head + n.
  -- The staging tables empty themselves at commit; until then their rows keep a second
  -- bulk_prepare of this transaction out.
  UPDATE ledger.log_heads
     SET last_seq = head.last_seq + n,
         last_hash = (SELECT e.hash FROM ledger.events e WHERE e.ledger_id = p_ledger AND e.seq = head.last_seq + n),
         last_recorded_at = p_recorded_at, updated_at = p_recorded_at
   WHERE ledger_id = p_ledger;
  first_seq := head.last_seq + 1;
  last_seq := head.last_seq + n;
END
$$;

-- Privileges: the log only through the functions above; projections for the report role.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ledger.events, ledger.log_heads, ledger.streams, ledger.commands FROM tradeledger_app;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ledger FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ledger FROM tradeledger_app;
GRANT EXECUTE ON FUNCTION ledger.append(text, text, bytea, text[], bigint[], text[], text[], integer[], bytea[], timestamptz[], jsonb),
                          ledger.bulk_prepare(text, text[], bytea[], text[], bigint[], bigint[]),
                          ledger.bulk_commit(text, timestamptz),
                          ledger.event_hash(bytea, text, bigint, text, bigint, text, integer, timestamptz, timestamptz, text, bytea),
                          ledger.event_hash_v2(bytea, text, bigint, text, bigint, uuid, text, integer, timestamptz, timestamptz, text, jsonb, bytea),
                          ledger.event_uuid(text, text, integer), ledger.lp(bytea), ledger.lpn(bytea), ledger.epoch_us(timestamptz),
                          ledger.stream_type(text)
  TO tradeledger_app;

GRANT USAGE ON SCHEMA proj TO tradeledger_report;
GRANT SELECT ON ALL TABLES IN SCHEMA proj TO tradeledger_report;
ALTER DEFAULT PRIVILEGES FOR ROLE tradeledger_owner IN SCHEMA proj GRANT SELECT ON TABLES TO tradeledger_report;
ALTER DEFAULT PRIVILEGES FOR ROLE tradeledger_owner IN SCHEMA proj GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tradeledger_app;
