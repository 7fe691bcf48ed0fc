-- V2 (H2): payloads stay VARCHAR, the text exactly as written (H2's JSON type would keep a bound
-- string as a JSON string literal), and the database refuses text that is not a JSON object, as
-- PostgreSQL's jsonb column does.
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_payload_json CHECK (payload IS JSON OBJECT);
ALTER TABLE orders         ADD CONSTRAINT orders_payload_json         CHECK (payload IS JSON OBJECT);
ALTER TABLE order_returns  ADD CONSTRAINT order_returns_payload_json  CHECK (payload IS JSON OBJECT);
