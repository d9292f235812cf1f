-- 001: roles. The owner role owns the schema objects; the application role may only append
-- and read events (no UPDATE/DELETE/TRUNCATE), and maintain heads, streams, commands,
-- checkpoints and projections. Roles are cluster-wide, so creation is idempotent.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeledger_owner') THEN
    CREATE ROLE tradeledger_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeledger_app') THEN
    CREATE ROLE tradeledger_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT CREATE, CONNECT, TEMPORARY ON DATABASE %I TO tradeledger_owner', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO tradeledger_app', current_database());
END
$$;
