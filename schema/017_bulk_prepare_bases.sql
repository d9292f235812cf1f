-- 017: the same bulk append protocol, checks, refusals and SQLSTATEs as 015, with less server
-- work per chunk (issue #15). Measured with pg_stat_statements (track = all) over the bench's
-- submit-bulk-100k (172,187 events in 23 chunks, 2026-12-03, bench cluster), before this file:
--
-- * bulk_prepare spent 429 ms of its 1,750 ms looking every stream of the chunk up again in
--   ledger.streams, to learn the versions of its check-only streams (those a command relied on
--   without writing; a chunk of real commands always has some: the parties). The upsert already
--   returned the final version of every stream that gets events, in byte order, so only the
--   check-only ones are looked up now (one index probe each, evaluated only for them).
--   Measured after it, in the same way: 150 ms instead of 429 (events INSERT, unchanged, as
--   the yardstick: 4.1% of it instead of 11.7%).
-- * Tried and left out: bulk_commit reading the moved rows once instead of three times (a
--   count, the stream check, the command runs: 72 + 459 + 270 ms). One materialized scan
--   feeding all three took 811 ms, no less: the index scans were not where the time went.
--
-- Unchanged: the signature, the lock order, bulk_move and bulk_commit (and so the events, byte
-- for byte: the hash is the client's, which the server recomputes), and what is refused with
-- which error.
SET LOCAL ROLE tradeledger_owner;

-- Bulk append, step 1 of 3 (as 015, but for how the bases of check-only streams are found).
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
    -- The k-th stream with events is finals[k] (both in byte order): only the check-only ones
    -- are looked up (017; 015 joined every stream to ledger.streams again).
    IF cardinality(finals) IS DISTINCT FROM (SELECT count(*) FROM unnest(p_added) a WHERE a > 0) THEN
      RAISE EXCEPTION 'bulk_prepare: % streams with events, % returned by the upsert',
        (SELECT count(*) FROM unnest(p_added) a WHERE a > 0), coalesce(cardinality(finals), 0) USING ERRCODE = 'XX000';
    END IF;
    SELECT array_agg(CASE WHEN x.n > 0 THEN finals[x.k] - x.n
                          ELSE coalesce((SELECT st.version FROM ledger.streams st WHERE st.ledger_id = p_ledger AND st.stream_id = x.id), 0)
                     END ORDER BY x.ord) INTO bases
      FROM (SELECT u.id, u.n, u.ord, count(*) FILTER (WHERE u.n > 0) OVER (ORDER BY u.ord) AS k
              FROM unnest(p_streams, p_added) WITH ORDINALITY AS u(id, n, ord)) x;
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

