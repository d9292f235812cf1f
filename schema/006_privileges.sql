-- 006: what the application role may do. No UPDATE/DELETE/TRUNCATE on events, ever.
SET LOCAL ROLE tradeledger_owner;

GRANT USAGE ON SCHEMA ledger TO tradeledger_app;
GRANT SELECT, INSERT ON ledger.events TO tradeledger_app;
GRANT SELECT, INSERT, UPDATE ON ledger.log_heads, ledger.streams, ledger.commands TO tradeledger_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ledger.checkpoints TO tradeledger_app;
GRANT SELECT ON ledger.events_json TO tradeledger_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ledger TO tradeledger_app;
