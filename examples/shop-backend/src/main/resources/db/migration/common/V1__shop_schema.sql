-- V1: the shop backend's schema as schema.sql created it before Flyway (H2 and PostgreSQL alike).
-- Never edit a migration that has run somewhere: add the next version instead. A database that
-- schema.sql created is taken as version 1 (spring.flyway.baseline-on-migrate) and gets V2 onwards.
-- Ledger rows are append-only: the application never updates or deletes them. Every payload column
-- holds JSON, enough to rebuild the library's value exactly.

CREATE TABLE IF NOT EXISTS members (
  id           VARCHAR(100)             NOT NULL PRIMARY KEY,
  tier         VARCHAR(40)              NOT NULL,
  enrolled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  birthday     VARCHAR(5),                          -- MM-DD, may be 02-29
  referrer_id  VARCHAR(100)             REFERENCES members (id)
);

CREATE TABLE IF NOT EXISTS ledger_entries (
  member_id        VARCHAR(100)             NOT NULL REFERENCES members (id),
  seq              BIGINT                   NOT NULL,  -- append order within the member's ledger
  idempotency_key  VARCHAR(256)             NOT NULL,
  kind             VARCHAR(40)              NOT NULL,
  points           BIGINT                   NOT NULL,
  occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  source_event_id  VARCHAR(300)             NOT NULL,
  payload          VARCHAR(1000000)         NOT NULL,
  PRIMARY KEY (member_id, seq),
  CONSTRAINT ledger_entries_key_unique UNIQUE (member_id, idempotency_key)
);

CREATE TABLE IF NOT EXISTS orders (
  id         VARCHAR(100)             NOT NULL PRIMARY KEY,
  member_id  VARCHAR(100)             NOT NULL REFERENCES members (id),
  paid_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  payload    VARCHAR(1000000)         NOT NULL
);

-- One row per accepted return, so that a retried return is recognised and "return the rest" knows
-- what came back before.
CREATE TABLE IF NOT EXISTS order_returns (
  id           VARCHAR(100)             NOT NULL PRIMARY KEY,
  order_id     VARCHAR(100)             NOT NULL REFERENCES orders (id),
  member_id    VARCHAR(100)             NOT NULL REFERENCES members (id),
  occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  payload      VARCHAR(1000000)         NOT NULL
);

CREATE TABLE IF NOT EXISTS tier_changes (
  member_id     VARCHAR(100)             NOT NULL REFERENCES members (id),
  seq           BIGINT                   NOT NULL,
  event_id      VARCHAR(300)             NOT NULL,
  from_tier     VARCHAR(40)              NOT NULL,
  to_tier       VARCHAR(40)              NOT NULL,
  effective_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  rule_name     VARCHAR(300)             NOT NULL,
  reason        VARCHAR(4000)            NOT NULL,
  PRIMARY KEY (member_id, seq)
);
