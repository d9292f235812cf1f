-- 014: the bulk append of 008 in parts, with the same checks, one hole closed, and cheaper
-- bookkeeping (issue #11: the bulk path within 10% of the unchecked one it replaced).
--
-- * Parts: after bulk_prepare the caller stages a chunk part by part and calls ledger.bulk_move
--   after each part but the last; bulk_move checks the part (seq contiguous from the last row
--   moved or the head, prev_hash linked, one recorded_at, each hash recomputed by the server)
--   and moves it into ledger.events. The caller encodes part k + 1 while the server moves part
--   k, so the client's hashing and encoding run on the second core instead of between
--   statements. bulk_commit moves what is left, then checks the streams over every row moved
--   (locked by bulk_prepare, versions contiguous in seq order, exactly as many as announced),
--   advances streams and head and inserts the command keys: what 008's bulk_commit checked.
-- * The hole: 008's bulk_prepare creates the new streams with their final version, so a caller
--   that committed after bulk_prepare without bulk_commit left streams whose events never came
--   (and with parts, moved rows above the head). bulk_prepare now inserts a row into
--   pg_temp.append_open whose deferred constraint trigger fails the COMMIT of any transaction
--   that did not reach bulk_commit (which deletes the row); see ledger.bulk_must_commit.
-- * bulk_prepare takes the streams as 008 did (one sorted pass, existing and new together: the
--   lock order streams → head → command keys is unchanged). The command ids and request hashes
--   go to bulk_commit, which inserts the keys, instead of through a temporary table, and the
--   created streams are kept in an array instead of another one. Sorts of stream ids use the C
--   collation (byte order, as the lock order).
--
-- One bulk append per transaction, as before: append_streams keeps its rows until commit, and a
-- second bulk_prepare in the same transaction is refused.
SET LOCAL ROLE tradeledger_owner;

DROP FUNCTION ledger.bulk_prepare(text, text[], bytea[], text[], bigint[], bigint[]);
DROP FUNCTION ledger.bulk_commit(text, timestamptz);

-- A bulk append is all or nothing even against its own caller: bulk_prepare creates the new
-- streams with their final version and bulk_move puts rows above the head, both of which only
-- bulk_commit makes consistent (head, stream versions, command keys). So bulk_prepare inserts a
-- row into pg_temp.append_open whose deferred constraint trigger runs this at COMMIT; bulk_commit
-- deletes the row. A transaction committed between the two (or SET CONSTRAINTS … IMMEDIATE
-- before bulk_commit) fails here, and rolls back. The table belongs to the owner: the
-- application role can neither delete the row nor drop the trigger.
CREATE FUNCTION ledger.bulk_must_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_temp.append_open) THEN
    RAISE EXCEPTION 'bulk append: the transaction ended between bulk_prepare and bulk_commit' USING ERRCODE = 'TL005';
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION ledger.bulk_must_commit() FROM PUBLIC;

-- Bulk append, step 1 of 3. In the caller's transaction: locks the streams sorted and checks
-- each one's expected version (-1 any, 0 no stream, n exact; TL001), creates the new ones with
-- their final version, then locks the head. Returns the head, the recorded_at every event of the
-- chunk gets, and each stream's version before the chunk (aligned with p_streams). The caller
-- then fills pg_temp.append_stage by binary COPY, calling ledger.bulk_move after each part but the
-- last (optional: a chunk may be one part), and ends with ledger.bulk_commit.
CREATE FUNCTION ledger.bulk_prepare(
  p_ledger   text,
  p_streams  text[],
  p_expected bigint[],
  p_added    bigint[],
  OUT last_seq bigint, OUT last_hash bytea, OUT recorded_at timestamptz, OUT bases bigint[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head    record;
  n       bigint;
  created text[];
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
  -- The open bulk append, until bulk_commit deletes its row: a transaction that ends without
  -- bulk_commit fails at COMMIT (see ledger.bulk_must_commit).
  IF to_regclass('pg_temp.append_open') IS NULL THEN
    CREATE TEMP TABLE append_open (ledger_id text);
    CREATE CONSTRAINT TRIGGER append_open_must_commit AFTER INSERT ON pg_temp.append_open
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.bulk_must_commit();
  END IF;
  INSERT INTO pg_temp.append_open VALUES (p_ledger);

  -- 1. Streams, in one pass sorted by id, as in 008: each existing one locked (ON CONFLICT …
  --    DO UPDATE … WHERE false locks the row without writing it), each new one that gets events
  --    created with its final version; RETURNING gives the created ones only. One pass, so the
  --    existing and the new streams are taken in one sorted order together: locking the
  --    existing ones first and inserting the new ones after deadlocks against an online append
  --    of the same streams (tried; EventStoreTests' lock-order test caught it).
  WITH c AS (
    INSERT INTO ledger.streams AS st (ledger_id, stream_id, stream_type, version)
    SELECT p_ledger, u.id, ledger.stream_type(u.id), u.n
      FROM unnest(p_streams, p_added) AS u(id, n)
     WHERE u.n > 0 OR EXISTS (SELECT 1 FROM ledger.streams x WHERE x.ledger_id = p_ledger AND x.stream_id = u.id)
     ORDER BY u.id COLLATE "C"
    ON CONFLICT (ledger_id, stream_id) DO UPDATE SET version = st.version WHERE false
    RETURNING st.stream_id
  )
  SELECT coalesce(array_agg(c.stream_id), '{}') INTO created FROM c;

  -- Each stream's version before this chunk (0 for the ones just created; a new statement, so
  -- it sees the rows locked above as committed), recorded for bulk_commit and returned; every
  -- expectation checked in the same pass.
  WITH u AS (
    SELECT u.id, u.n, u.expected, u.ord,
           CASE WHEN c.id IS NOT NULL THEN 0 ELSE coalesce(st.version, 0) END AS base
      FROM unnest(p_streams, p_added, p_expected) WITH ORDINALITY AS u(id, n, expected, ord)
      LEFT JOIN ledger.streams st ON st.ledger_id = p_ledger AND st.stream_id = u.id
      LEFT JOIN unnest(created) AS c(id) ON c.id = u.id
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

-- Bulk append, step 2 of 3 (any number of times): moves the rows staged so far into ledger.events,
-- each checked on the way, and empties the staging table for the next part. The caller stages
-- a chunk in parts so that it can encode part k + 1 while the server moves part k (two cores).
-- Checks: seq contiguous from the last row moved in this transaction (or the head), the chain
-- linked from its hash, one recorded_at for the chunk (the first part's, which must lie between
-- the head's and now), each hash recomputed by the server. The rows moved but not committed are
-- exactly those of this ledger with seq above the head: the head is locked by bulk_prepare, and
-- every writer advances it in the transaction that appends. Returns how many rows it moved.
CREATE FUNCTION ledger.bulk_move(p_ledger text, p_recorded_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head   record;
  a_seq  bigint;
  a_hash bytea;
  a_at   timestamptz;
  n      bigint;
  bad    record;
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

  -- Order checks over the narrow columns (already in seq order, so the sort is cheap), first
  -- failing row by seq.
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

  -- Into the log, the server recomputing each hash in the scan (no sort, no join).
  INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                             body, metadata, command_id, recorded_at, effective_at, prev_hash, hash, hash_version)
  SELECT p_ledger, a.seq, a.stream_id, a.stream_version, a.event_id, a.event_type, a.schema_version,
         a.body, NULL, a.command_id, a.recorded_at, a.effective_at, a.prev_hash, a.hash, 2
    FROM pg_temp.append_stage a
   WHERE CASE WHEN a.hash = ledger.event_hash_v2(a.prev_hash, p_ledger, a.seq, a.stream_id, a.stream_version, a.event_id,
                             a.event_type, a.schema_version, a.recorded_at, a.effective_at, a.command_id, NULL, a.body)
              THEN true
              ELSE ledger.refuse_staged(a.seq, 'hash does not match the event''s contents') END;
  GET DIAGNOSTICS n = ROW_COUNT;
  TRUNCATE pg_temp.append_stage;
  RETURN n;
END
$$;

-- Bulk append, step 3 of 3: moves what is still staged (so prepare, COPY, commit is the whole
-- protocol for a chunk sent in one part), then checks the streams over every row moved in this
-- transaction: each stream locked by bulk_prepare, its versions contiguous from its locked
-- version in seq order and exactly as many as announced. Then advances streams and head and
-- inserts the command keys (p_command_ids with their request hashes; last in the lock order)
-- with their seq ranges. Refuses (TL005, naming the first bad seq) anything a correct writer
-- would not have staged.
CREATE FUNCTION ledger.bulk_commit(p_ledger text, p_recorded_at timestamptz, p_command_ids text[], p_request_hashes bytea[],
                                   OUT first_seq bigint, OUT last_seq bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  head record;
  n    bigint;
  bad  record;
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

  SELECT s.seq, s.stream_id, CASE
           WHEN s.base IS NULL THEN 'stream was not locked by bulk_prepare'
           WHEN s.stream_version IS DISTINCT FROM s.base + s.srn THEN 'stream_version is not contiguous from the stream''s version'
           ELSE NULL END AS why
    INTO bad
    FROM (
      SELECT e.seq, e.stream_id, e.stream_version, l.base, l.added,
             row_number() OVER (PARTITION BY e.stream_id COLLATE "C" ORDER BY e.seq) AS srn,
             count(*) OVER (PARTITION BY e.stream_id COLLATE "C") AS scount
        FROM ledger.events e
        LEFT JOIN pg_temp.append_streams l ON l.stream_id = e.stream_id
       WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq
    ) s
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

  -- New streams were created by bulk_prepare with their final version; move the others on.
  UPDATE ledger.streams st SET version = l.base + l.added
    FROM pg_temp.append_streams l
   WHERE st.ledger_id = p_ledger AND st.stream_id = l.stream_id AND l.base > 0 AND l.added > 0;
  -- Command keys last (a command appended meanwhile: unique violation on commands_pkey). Every
  -- moved command must be in p_command_ids, and every one there moved.
  WITH g AS (
    SELECT e.command_id, min(e.seq) AS f, max(e.seq) AS l FROM ledger.events e
     WHERE e.ledger_id = p_ledger AND e.seq > head.last_seq GROUP BY e.command_id
  ), ins AS (
    INSERT INTO ledger.commands (ledger_id, command_id, request_hash, first_seq, last_seq)
    SELECT p_ledger, k.id, k.h, g.f, g.l
      FROM unnest(p_command_ids, p_request_hashes) AS k(id, h) JOIN g ON g.command_id = k.id
     ORDER BY g.f
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM g) = (SELECT count(*) FROM ins)
     AND (SELECT count(*) FROM ins) = cardinality(p_command_ids) AS ok INTO bad;
  IF NOT bad.ok THEN
    RAISE EXCEPTION 'bulk_commit: the staged commands differ from those given to bulk_commit' USING ERRCODE = 'TL005';
  END IF;
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

REVOKE ALL ON FUNCTION ledger.bulk_prepare(text, text[], bigint[], bigint[]), ledger.bulk_move(text, timestamptz),
                       ledger.bulk_commit(text, timestamptz, text[], bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.bulk_prepare(text, text[], bigint[], bigint[]), ledger.bulk_move(text, timestamptz),
                          ledger.bulk_commit(text, timestamptz, text[], bytea[])
  TO tradeledger_app;
