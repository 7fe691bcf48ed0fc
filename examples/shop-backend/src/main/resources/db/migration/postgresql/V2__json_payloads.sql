-- V2 (PostgreSQL): payloads become jsonb. The database then refuses text that is not JSON, and an
-- operator can query a payload's fields. jsonb drops whitespace and reorders keys; the JSON reader
-- does not depend on either, and numbers keep their digits (1499.00 stays 1499.00).
ALTER TABLE ledger_entries ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE orders         ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE order_returns  ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
