-- 015: the same bulk append protocol and checks as 014, with less server work per event (issue
-- #11: the bulk path within 10% of the unchecked one it replaced). Measured per 20,000-event
-- chunk with auto_explain (log_nested_statements) and pg_stat_statements before changing it:
--
-- * ledger.stream_type was never inlined: a STRICT SQL function is inlined only when the planner
--   can prove its body strict, and a CASE is not, so bulk_prepare paid a SQL-function call per
--   stream (about a quarter of its stream pass). Now CALLED ON NULL INPUT, with the same result
--   for every input (NULL in, NULL out), so it is inlined.
-- * bulk_prepare takes the streams in the same one sorted INSERT … ON CONFLICT pass, but an
--   existing stream that gets events is moved to its final version there (DO UPDATE instead of a
--   lock-only DO UPDATE … WHERE false), and RETURNING gives every stream's final version. The
--   bases follow from it without looking every stream up again; bulk_commit no longer updates
--   the streams. A check-only stream (no events) is still only locked, and when one is present
--   the bases are looked up as before.
-- * bulk_move recomputes each hash with the chunk's constants (the ledger id's bytes, the
--   recorded_at every row must carry) computed once, and each text converted once: the same
--   bytes as ledger.event_hash_v2 (a test compares the two on every staged row of a chunk). The
--   length prefix of a text is its octet_length, which is its UTF-8 length because the database
--   is UTF8 (checked below; ops/pg creates it so).
-- * bulk_commit checks a stream announced with one event without sorting it into a window (the
--   common case: most streams of a chunk get one event), and finds the command keys' seq ranges
--   as runs along seq in one pass instead of grouping, sorting and joining (which also closes a
--   hole: 014 accepted a command whose events straddled another's). The keys go in in the order
--   given: the head, locked before, already serialises every writer of the ledger, so their
--   order cannot deadlock.
--
-- Unchanged: the protocol (prepare, COPY parts with bulk_move, commit), the signatures, the lock
-- order (streams sorted → head → command keys), every refusal of 014 and its SQLSTATE (one is
-- added: a command's events must be contiguous), and the events (byte for byte: the hash is the
-- client's, which the server recomputes). Callers pass p_command_ids in seq order, as 014's did.
SET LOCAL ROLE tradeledger_owner;

DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'TradeLedger needs a UTF8 database (this one is %)', current_setting('server_encoding');
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION ledger.stream_type(p_stream_id text) RETURNS text
LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
RETURN CASE
  WHEN p_stream_id LIKE 'recon-exception-_%' THEN 'recon-exception'
  WHEN p_stream_id LIKE 'settlement-file-_%' THEN 'settlement-file'
  ELSE split_part(p_stream_id, '-', 1)
END;

-- Bulk append, step 1 of 3 (as 014). Locks the streams sorted and checks each one's expected
-- version (-1 any, 0 no stream, n exact; TL001); creates the new ones and moves the existing
-- ones that get events to their final version; then locks the head. Returns the head, the
-- recorded_at every event of the chunk gets, and each stream's version before the chunk.
CREATE OR REPLACE FUNCTION ledger.bulk_prepare(
  p_ledger   text,
  p_streams  text[],
  p_expected bigint[],
  p_added    bigint[],
  OUT last_seq bigint, OUT last_hash bytea, OUT recorded_at timestamptz, OUT bases bigint[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head   record;
  n      bigint;
  finals bigint[];
BEGIN
  IF coalesce(array_length(p_streams, 1), 0) = 0
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
  -- append_streams mean this transaction prepared a bulk append already.
  IF to_regclass('pg_temp.append_stage') IS NULL THEN
    CREATE TEMP TABLE append_stage (
      seq bigint, stream_id text, stream_version bigint, event_id uuid, event_type text, schema_version integer,
      body bytea, command_id text, recorded_at timestamptz, effective_at timestamptz, prev_hash bytea, hash bytea
    ) ON COMMIT DELETE ROWS;
    GRANT INSERT ON pg_temp.append_stage TO tradeledger_app;
  END IF;
  IF to_regclass('pg_temp.append_streams') IS NULL THEN
    CREATE TEMP TABLE append_streams (stream_id text, base bigint, added bigint) ON COMMIT DELETE ROWS;
  ELSIF EXISTS (SELECT 1 FROM pg_temp.append_streams) THEN
    RAISE EXCEPTION 'bulk_prepare: one bulk append per transaction' USING ERRCODE = 'TL004';
  END IF;
  -- The open bulk append, until bulk_commit deletes its row (see ledger.bulk_must_commit, 014).
  IF to_regclass('pg_temp.append_open') IS NULL THEN
    CREATE TEMP TABLE append_open (ledger_id text);
    CREATE CONSTRAINT TRIGGER append_open_must_commit AFTER INSERT ON pg_temp.append_open
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.bulk_must_commit();
  END IF;
  INSERT INTO pg_temp.append_open VALUES (p_ledger);

  -- 1. Streams, in one pass sorted by id (existing and new together: see 014 for the deadlock a
  --    two-pass version had). A new stream that gets events is created with its final version;
  --    an existing one that gets events is moved to it; an existing check-only one is locked
  --    (the conflict row is locked before the WHERE is evaluated) and not returned.
  WITH c AS (
    INSERT INTO ledger.streams AS st (ledger_id, stream_id, stream_type, version)
    SELECT p_ledger, u.id, ledger.stream_type(u.id), u.n
      FROM unnest(p_streams, p_added) AS u(id, n)
     WHERE u.n > 0 OR EXISTS (SELECT 1 FROM ledger.streams x WHERE x.ledger_id = p_ledger AND x.stream_id = u.id)
     ORDER BY u.id COLLATE "C"
    ON CONFLICT (ledger_id, stream_id) DO UPDATE SET version = st.version + excluded.version WHERE excluded.version > 0
    RETURNING st.stream_id, st.version
  )
  SELECT array_agg(c.version ORDER BY c.stream_id COLLATE "C") INTO finals FROM c;

  -- Each stream's version before this chunk. When every stream got events, the returned final
  -- versions are aligned with p_streams (both in byte order), and base = final - added (0 for a
  -- created stream). Otherwise (check-only streams) look the others up: they were not changed.
  IF cardinality(finals) = cardinality(p_streams) THEN
    bases := ARRAY(SELECT x.f - x.a FROM unnest(finals, p_added) WITH ORDINALITY AS x(f, a, o) ORDER BY x.o);
  ELSE
    SELECT array_agg(CASE WHEN u.n > 0 THEN st.version - u.n ELSE coalesce(st.version, 0) END ORDER BY u.ord) INTO bases
      FROM unnest(p_streams, p_added) WITH ORDINALITY AS u(id, n, ord)
      LEFT JOIN ledger.streams st ON st.ledger_id = p_ledger AND st.stream_id = u.id;
  END IF;

  -- Every expectation, checked in one pass; the first failing stream named.
  SELECT x.o INTO n FROM unnest(p_expected, bases) WITH ORDINALITY AS x(expected, base, o)
   WHERE (x.expected > 0 AND x.base <> x.expected) OR (x.expected = 0 AND x.base <> 0)
   ORDER BY x.o LIMIT 1;
  IF n IS NOT NULL THEN
    RAISE EXCEPTION 'version conflict on stream %: expected %, %', p_streams[n],
      CASE WHEN p_expected[n] = 0 THEN 'no stream' ELSE 'version ' || p_expected[n] END,
      CASE WHEN bases[n] = 0 THEN 'stream does not exist' ELSE 'actual ' || bases[n] END
      USING ERRCODE = 'TL001', DETAIL = p_streams[n];
  END IF;
  INSERT INTO pg_temp.append_streams SELECT * FROM unnest(p_streams, bases, p_added);

  -- 2. The head.
  INSERT INTO ledger.log_heads (ledger_id) VALUES (p_ledger) ON CONFLICT (ledger_id) DO NOTHING;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  last_seq := head.last_seq;
  last_hash := head.last_hash;
  recorded_at := greatest(clock_timestamp(), head.last_recorded_at);
END
$$;

-- Bulk append, step 2 of 3 (as 014; any number of times): checks the rows staged so far and
-- moves them into ledger.events. The hash is ledger.event_hash_v2's, written out with the
-- chunk's constants computed once (see the top of this file).
CREATE OR REPLACE FUNCTION ledger.bulk_move(p_ledger text, p_recorded_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head     record;
  a_seq    bigint;
  a_hash   bytea;
  a_at     timestamptz;
  n        bigint;
  bad      record;
  c_ledger bytea := int4send(octet_length(p_ledger)) || convert_to(p_ledger, 'UTF8');
  c_at     bytea := timestamptz_send(p_recorded_at);
BEGIN
  -- Two statements: the second cannot be planned when the table does not exist.
  IF to_regclass('pg_temp.append_streams') IS NULL THEN
    RAISE EXCEPTION 'bulk append: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_temp.append_streams) THEN
    RAISE EXCEPTION 'bulk append: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'bulk append: call ledger.bulk_prepare first, in the same transaction' USING ERRCODE = 'TL004';
  END IF;
  SELECT e.seq, e.hash, e.recorded_at INTO a_seq, a_hash, a_at
    FROM ledger.events e WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq ORDER BY e.seq DESC LIMIT 1;
  IF FOUND THEN
    IF p_recorded_at IS DISTINCT FROM a_at THEN
      RAISE EXCEPTION 'bulk append: recorded_at differs from the chunk''s' USING ERRCODE = 'TL005';
    END IF;
  ELSE
    a_seq := head.last_seq;
    a_hash := head.last_hash;
    IF p_recorded_at IS NULL OR p_recorded_at < coalesce(head.last_recorded_at, '-infinity') OR p_recorded_at > clock_timestamp() THEN
      RAISE EXCEPTION 'bulk append: recorded_at is before the head''s or in the future' USING ERRCODE = 'TL005';
    END IF;
  END IF;

  -- Order checks over the narrow columns, first failing row by seq. Every row's recorded_at is
  -- the chunk's here, which is what lets the move below hash c_at instead of each row's.
  SELECT s.seq, CASE
           WHEN s.seq IS DISTINCT FROM a_seq + s.rn THEN 'seq is not contiguous from the head'
           WHEN s.prev_hash IS DISTINCT FROM coalesce(s.prev_link, a_hash) THEN 'prev_hash does not link to the previous hash'
           ELSE 'recorded_at differs from the chunk''s' END AS why
    INTO bad
    FROM (
      SELECT a.seq, a.recorded_at, a.prev_hash, row_number() OVER w AS rn, lag(a.hash) OVER w AS prev_link
        FROM pg_temp.append_stage a
      WINDOW w AS (ORDER BY a.seq)
    ) s
   WHERE (s.seq = a_seq + s.rn
          AND s.prev_hash = coalesce(s.prev_link, a_hash)
          AND s.recorded_at = p_recorded_at) IS NOT TRUE
   ORDER BY s.seq
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bulk append: staged event at seq % refused: %', bad.seq, bad.why USING ERRCODE = 'TL005';
  END IF;

  -- Into the log, the server recomputing each hash in the scan: ledger.event_hash_v2 with the
  -- ledger id and recorded_at as constants, no metadata (int4send(-1)), a text's length prefix
  -- from octet_length (UTF8 database), and a NULL command id refused (bulk events have one).
  INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                             body, metadata, command_id, recorded_at, effective_at, prev_hash, hash, hash_version)
  SELECT p_ledger, a.seq, a.stream_id, a.stream_version, a.event_id, a.event_type, a.schema_version,
         a.body, NULL, a.command_id, a.recorded_at, a.effective_at, a.prev_hash, a.hash, 2
    FROM pg_temp.append_stage a
   WHERE CASE WHEN a.hash = sha256('\x02'::bytea || a.prev_hash || c_ledger || int8send(a.seq)
                                   || int4send(octet_length(a.stream_id)) || convert_to(a.stream_id, 'UTF8')
                                   || int8send(a.stream_version) || uuid_send(a.event_id)
                                   || int4send(octet_length(a.event_type)) || convert_to(a.event_type, 'UTF8')
                                   || int4send(a.schema_version) || c_at || timestamptz_send(a.effective_at)
                                   || int4send(octet_length(a.command_id)) || convert_to(a.command_id, 'UTF8')
                                   || '\xffffffff'::bytea
                                   || int4send(octet_length(a.body)) || a.body)
              THEN true
              ELSE ledger.refuse_staged(a.seq, 'hash does not match the event''s contents') END;
  GET DIAGNOSTICS n = ROW_COUNT;
  TRUNCATE pg_temp.append_stage;
  RETURN n;
END
$$;

-- Bulk append, step 3 of 3 (as 014): moves what is still staged, checks the streams over every
-- row moved in this transaction, inserts the command keys and advances the head. The streams
-- already carry their final versions (bulk_prepare).
CREATE OR REPLACE FUNCTION ledger.bulk_commit(p_ledger text, p_recorded_at timestamptz, p_command_ids text[], p_request_hashes bytea[],
                                              OUT first_seq bigint, OUT last_seq bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head       record;
  n          bigint;
  bad        record;
  run_ids    text[];
  run_starts bigint[];
BEGIN
  IF coalesce(array_length(p_command_ids, 1), 0) = 0
     OR array_length(p_request_hashes, 1) IS DISTINCT FROM array_length(p_command_ids, 1) THEN
    RAISE EXCEPTION 'bulk_commit: command ids and request hashes are empty or of different lengths' USING ERRCODE = 'TL004';
  END IF;
  PERFORM ledger.bulk_move(p_ledger, p_recorded_at);
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  SELECT count(*) INTO n FROM ledger.events e WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq;
  IF n = 0 THEN
    RAISE EXCEPTION 'bulk_commit: nothing staged' USING ERRCODE = 'TL004';
  END IF;

  -- A stream announced with one event needs no window: that event is version base + 1 (a
  -- second one would need another version, refused by the unique index or here; none at all
  -- fails the totals below). Only streams of several events are sorted into windows.
  WITH j AS MATERIALIZED (
    SELECT e.seq, e.stream_id, e.stream_version, l.base, l.added
      FROM ledger.events e
      LEFT JOIN pg_temp.append_streams l ON l.stream_id = e.stream_id
     WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq
  ), s AS (
    SELECT j.seq, j.stream_id, j.stream_version, j.base, j.added, 1::bigint AS srn, 1::bigint AS scount
      FROM j WHERE j.added = 1
    UNION ALL
    SELECT j.seq, j.stream_id, j.stream_version, j.base, j.added,
           row_number() OVER (PARTITION BY j.stream_id COLLATE "C" ORDER BY j.seq),
           count(*) OVER (PARTITION BY j.stream_id COLLATE "C")
      FROM j WHERE j.added IS DISTINCT FROM 1
  )
  SELECT s.seq, s.stream_id, CASE
           WHEN s.base IS NULL THEN 'stream was not locked by bulk_prepare'
           WHEN s.stream_version IS DISTINCT FROM s.base + s.srn THEN 'stream_version is not contiguous from the stream''s version'
           ELSE NULL END AS why
    INTO bad
    FROM s
   WHERE (s.stream_version = s.base + s.srn AND s.scount = s.added) IS NOT TRUE
   ORDER BY s.seq
   LIMIT 1;
  IF FOUND THEN
    IF bad.why IS NULL THEN
      RAISE EXCEPTION 'bulk_commit: stream % did not get the number of events bulk_prepare announced', bad.stream_id USING ERRCODE = 'TL005';
    END IF;
    RAISE EXCEPTION 'bulk_commit: staged event at seq % refused: %', bad.seq, bad.why USING ERRCODE = 'TL005';
  END IF;
  -- Every stream that got rows got exactly its announced count (checked above), so the totals
  -- agree unless an announced stream got nothing at all.
  IF n <> (SELECT sum(l.added) FROM pg_temp.append_streams l) THEN
    SELECT l.stream_id INTO bad FROM pg_temp.append_streams l
     WHERE l.added > 0 AND NOT EXISTS (SELECT 1 FROM ledger.events e
                                        WHERE e.ledger_id = p_ledger AND e.stream_id = l.stream_id AND e.stream_version = l.base + 1)
     ORDER BY l.stream_id COLLATE "C" LIMIT 1;
    RAISE EXCEPTION 'bulk_commit: stream % did not get the number of events bulk_prepare announced', bad.stream_id USING ERRCODE = 'TL005';
  END IF;

  -- Command keys last (a command appended meanwhile: unique violation on commands_pkey). The
  -- moved events, in seq order, must fall into runs of one command each, and the runs' commands
  -- must be p_command_ids in that order: so every command's events are contiguous (014 let a
  -- command's events straddle another's, and recorded a seq range covering both), every moved
  -- command is given and every given one moved. One pass over the moved rows in seq order, then
  -- the keys straight from the arrays (a run ends where the next one starts).
  SELECT array_agg(r.command_id ORDER BY r.seq), array_agg(r.seq ORDER BY r.seq) INTO run_ids, run_starts
    FROM (SELECT e.seq, e.command_id, lag(e.command_id) OVER (ORDER BY e.seq) AS prev
            FROM ledger.events e WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq) r
   WHERE r.command_id IS DISTINCT FROM r.prev;
  IF run_ids IS DISTINCT FROM p_command_ids THEN
    RAISE EXCEPTION 'bulk_commit: the staged commands differ from those given to bulk_commit (each command''s events contiguous, in the order given)'
      USING ERRCODE = 'TL005';
  END IF;
  INSERT INTO ledger.commands (ledger_id, command_id, request_hash, first_seq, last_seq)
  SELECT p_ledger, k.id, k.h, k.f, coalesce(lead(k.f) OVER (ORDER BY k.o) - 1, head.last_seq + n)
    FROM unnest(p_command_ids, p_request_hashes, run_starts) WITH ORDINALITY AS k(id, h, f, o);
  DELETE FROM pg_temp.append_open;
  -- The moved rows are contiguous from the head, so the new head is the row at head + n.
  UPDATE ledger.log_heads
     SET last_seq = head.last_seq + n,
         last_hash = (SELECT e.hash FROM ledger.events e WHERE e.ledger_id = p_ledger AND e.seq = head.last_seq + n),
         last_recorded_at = p_recorded_at, updated_at = p_recorded_at
   WHERE ledger_id = p_ledger;
  first_seq := head.last_seq + 1;
  last_seq := head.last_seq + n;
END
$$;
