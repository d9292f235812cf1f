-- 005: the online append — one command's events in one round trip (EVENT-STORE.md "Append").
-- Lock order, always: command key → stream rows (sorted by stream id) → ledger head (last, so
-- it is held for the shortest time). Two appends therefore never deadlock.
--
-- p_streams / p_expected: each stream the command writes, with its expected version:
--   -1 any, 0 the stream must not exist yet, n > 0 exactly n events so far.
-- p_event_*: the events, in order; each event's stream must be listed in p_streams.
-- Errors: TL001 version conflict (reload state, decide again); TL002 command id reused with a
-- different request; TL004 bad arguments.
-- Returns 'appended' or 'duplicate' with the seq range of the command's events.
SET LOCAL ROLE tradeledger_owner;

CREATE FUNCTION ledger.append(
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
LANGUAGE plpgsql AS $$
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

  -- 1. The command key (blocks a concurrent twin until it commits or rolls back).
  INSERT INTO ledger.commands (ledger_id, command_id, request_hash)
  VALUES (p_ledger, p_command_id, p_request_hash)
  ON CONFLICT (ledger_id, command_id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT c.request_hash, c.first_seq, c.last_seq INTO stored
      FROM ledger.commands c WHERE c.ledger_id = p_ledger AND c.command_id = p_command_id;
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
      VALUES (p_ledger, s.stream_id, split_part(s.stream_id, '-', 1), s.n)
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

  -- 3. The ledger head, last.
  INSERT INTO ledger.log_heads (ledger_id) VALUES (p_ledger) ON CONFLICT (ledger_id) DO NOTHING;
  SELECT h.last_seq, h.last_hash, h.last_recorded_at INTO head
    FROM ledger.log_heads h WHERE h.ledger_id = p_ledger FOR UPDATE;
  rec_at := greatest(clock_timestamp(), head.last_recorded_at);
  prev := head.last_hash;
  FOR i IN 1..n_events LOOP
    v := (versions ->> p_event_streams[i])::bigint + 1;
    IF v IS NULL THEN
      RAISE EXCEPTION 'append: event % names stream % that is not in p_streams', i, p_event_streams[i] USING ERRCODE = 'TL004';
    END IF;
    versions := versions || jsonb_build_object(p_event_streams[i], v);
    seqs := seqs || (head.last_seq + i);
    svers := svers || v;
    prevs := prevs || prev;
    prev := ledger.event_hash(prev, p_ledger, head.last_seq + i, p_event_streams[i], v, p_event_types[i],
                              p_schema_versions[i], rec_at, p_effective_at[i], p_command_id, p_bodies[i]);
    hashes := hashes || prev;
    ids := ids || ledger.event_uuid(p_ledger, p_command_id, i - 1);
  END LOOP;

  INSERT INTO ledger.events (ledger_id, seq, stream_id, stream_version, event_id, event_type, schema_version,
                             body, metadata, command_id, recorded_at, effective_at, prev_hash, hash)
  SELECT p_ledger, e.seq, e.stream_id, e.sv, e.id, e.et, e.sch, e.body, p_metadata, p_command_id, rec_at, e.eff, e.ph, e.h
    FROM unnest(seqs, p_event_streams, svers, ids, p_event_types, p_schema_versions, p_bodies, p_effective_at, prevs, hashes)
      AS e(seq, stream_id, sv, id, et, sch, body, eff, ph, h);

  UPDATE ledger.log_heads
     SET last_seq = head.last_seq + n_events, last_hash = prev, last_recorded_at = rec_at, updated_at = rec_at
   WHERE ledger_id = p_ledger;
  UPDATE ledger.commands SET first_seq = head.last_seq + 1, last_seq = head.last_seq + n_events
   WHERE ledger_id = p_ledger AND command_id = p_command_id;

  outcome := 'appended'; first_seq := head.last_seq + 1; last_seq := head.last_seq + n_events;
END
$$;
