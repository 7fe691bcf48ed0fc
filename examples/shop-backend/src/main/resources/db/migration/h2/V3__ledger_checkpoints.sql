-- V3 (H2): ledger checkpoints, as on PostgreSQL. The payload is a CLOB: a checkpoint keeps every
-- entry since its horizon, which can exceed VARCHAR's million characters.
CREATE TABLE ledger_checkpoints (
  member_id        VARCHAR(100)             NOT NULL REFERENCES members (id),
  covered_entries  BIGINT                   NOT NULL,
  as_of            TIMESTAMP WITH TIME ZONE NOT NULL,
  payload          CHARACTER LARGE OBJECT   NOT NULL CHECK (payload IS JSON OBJECT),
  PRIMARY KEY (member_id, covered_entries)
);
