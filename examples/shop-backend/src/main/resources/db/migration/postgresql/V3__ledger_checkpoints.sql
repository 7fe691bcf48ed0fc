-- V3 (PostgreSQL): ledger checkpoints. A member is loaded as its latest checkpoint plus the ledger
-- rows after the ones it covers (seq > covered_entries), not from every row since enrolment. A
-- checkpoint is only ever inserted; older ones stay as an audit trail and may be deleted.
CREATE TABLE ledger_checkpoints (
  member_id        VARCHAR(100)             NOT NULL REFERENCES members (id),
  covered_entries  BIGINT                   NOT NULL,  -- the ledger rows seq 1..covered_entries
  as_of            TIMESTAMP WITH TIME ZONE NOT NULL,
  payload          jsonb                    NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  PRIMARY KEY (member_id, covered_entries)
);
