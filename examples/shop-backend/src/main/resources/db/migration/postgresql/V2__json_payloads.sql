-- V2 (PostgreSQL): payloads become jsonb, and must be JSON objects (as on H2). The database then
-- refuses text that is not a stored value, and an operator can query a payload's fields. jsonb drops
-- whitespace and reorders keys; the JSON reader depends on neither, and numbers keep their digits
-- (1499.00 stays 1499.00).
ALTER TABLE ledger_entries ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE orders         ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE order_returns  ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_payload_json CHECK (jsonb_typeof(payload) = 'object');
ALTER TABLE orders         ADD CONSTRAINT orders_payload_json         CHECK (jsonb_typeof(payload) = 'object');
ALTER TABLE order_returns  ADD CONSTRAINT order_returns_payload_json  CHECK (jsonb_typeof(payload) = 'object');
