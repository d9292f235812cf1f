-- 003: append-only is enforced by the database: a trigger refuses UPDATE, DELETE and TRUNCATE
-- on events (a superuser can still disable it; the hash chain then tells: tradeledger verify).
SET LOCAL ROLE tradeledger_owner;

CREATE FUNCTION ledger.refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger.events is append-only: % refused', TG_OP
    USING ERRCODE = 'TL003', HINT = 'events are never changed; append a correcting event instead';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ledger.events
  FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ledger.events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
