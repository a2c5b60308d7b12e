-- Dead letters of a Minhu service (from service-commons): the messages its consumers gave up on,
-- copied from its dead-letter topic so that an operator can list, replay or discard them.
-- Versioned between the outbox and the service's own migrations; services run Flyway with
-- out-of-order=true so that databases created before this file get it too.

CREATE TABLE dead_letter (
    id               bigserial PRIMARY KEY,
    topic            text        NOT NULL,   -- where the message was consumed from
    kafka_partition  integer     NOT NULL,
    kafka_offset     bigint      NOT NULL,
    message_key      text,
    payload          text        NOT NULL,
    event_id         text,                   -- the CloudEvent's id and type when the payload is one
    event_type       text,
    kind             text        NOT NULL,   -- POISON, UNEXPECTED (or TRANSIENT when given up at a stop)
    reason           text        NOT NULL,
    exception        text,
    attempts         integer     NOT NULL,
    first_failed_at  timestamptz NOT NULL,
    dead_lettered_at timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REPLAYED', 'DISCARDED')),
    -- one row per consumed message: the dead-letter topic may deliver a copy twice
    UNIQUE (topic, kafka_partition, kafka_offset)
);
CREATE INDEX dead_letter_open ON dead_letter (dead_lettered_at, id) WHERE status = 'OPEN';

-- Every replay and discard, with who and when.
CREATE TABLE dead_letter_action (
    id              bigserial PRIMARY KEY,
    dead_letter_id  bigint      NOT NULL REFERENCES dead_letter (id),
    action          text        NOT NULL CHECK (action IN ('REPLAYED', 'DISCARDED')),
    actor           text        NOT NULL,
    note            text,
    acted_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letter_action_letter ON dead_letter_action (dead_letter_id);
