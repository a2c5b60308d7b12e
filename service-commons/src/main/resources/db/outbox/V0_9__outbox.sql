-- The transactional outbox of a Minhu service (from service-commons; every service has its own copy
-- in its own database). Runs before the service's own migrations.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
-- Ids come from a sequence in blocks of 50, so intake inserts the row at flush, next to the state change.
CREATE SEQUENCE outbox_event_seq INCREMENT BY 50;

CREATE TABLE outbox_event (
    id              bigint PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    event_type      text        NOT NULL,
    cloud_event     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);

-- The relay reads in (created_at, id) order: ids come in per-instance blocks, so across replicas
-- only the transaction time orders one petition's events.
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at, id) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

