-- 013: which import raised each reconciliation exception. file_id stays "the file whose line the
-- exception is about" (NULL for missing_in_file, which is about a ledger item); raised_by_file is
-- the import that opened it, for every kind, so `reconcile --exceptions-csv` lists exactly the
-- exceptions of this file (a missing_in_file swept by an earlier file is not repeated).
-- NULL for rows written before this migration.
SET LOCAL ROLE tradeledger_owner;

ALTER TABLE recon.exceptions ADD COLUMN raised_by_file text;

UPDATE recon.exceptions SET raised_by_file = file_id WHERE file_id IS NOT NULL;
