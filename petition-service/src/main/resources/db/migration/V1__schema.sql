-- petition-service owns this database. Other services read it only through its API and events.

CREATE TABLE category (
    code            text PRIMARY KEY,
    name_zh         text    NOT NULL,
    name_en         text    NOT NULL,
    group_code      text    NOT NULL,
    group_zh        text    NOT NULL,
    group_en        text    NOT NULL,
    -- NORMAL; URGENT (water, power, gas, safety: 2 hours to sign); FAST_TRACK (singled out for escalated handling)
    handling        text    NOT NULL CHECK (handling IN ('NORMAL', 'URGENT', 'FAST_TRACK')),
    keywords        text    NOT NULL DEFAULT '',
    sort_order      integer NOT NULL
);

CREATE TABLE region (
    code            text PRIMARY KEY,
    name_zh         text    NOT NULL,
    name_en         text    NOT NULL,
    -- DISTRICT: the 41 district-level regions; TOWN: towns and streets below them
    level           text    NOT NULL CHECK (level IN ('DISTRICT', 'TOWN')),
    kind            text    NOT NULL CHECK (kind IN ('district', 'county', 'autonomous_county', 'management_zone', 'town', 'street')),
    parent_code     text REFERENCES region (code),
    -- true when the code is the national GB/T 2260 code; false for platform-local codes
    official_code   boolean NOT NULL,
    sort_order      integer NOT NULL,
    CHECK ((level = 'DISTRICT') = (parent_code IS NULL))
);

-- Tracking numbers: CQ-<yyyymmdd>-<n>; n comes from this sequence in blocks of 50.
CREATE SEQUENCE petition_tracking_seq INCREMENT BY 50;

CREATE TABLE petition (
    id              uuid PRIMARY KEY,
    tracking_number text        NOT NULL UNIQUE,
    petitioner_id   text        NOT NULL,
    title           text        NOT NULL,
    description     text        NOT NULL,
    category_code   text        NOT NULL REFERENCES category (code),
    region_code     text        NOT NULL REFERENCES region (code),
    town_code       text REFERENCES region (code),
    latitude        numeric(9, 6),
    longitude       numeric(9, 6),
    address         text,
    channel         text        NOT NULL,
    contact_name    text        NOT NULL,
    contact_phone   text        NOT NULL,
    status          text        NOT NULL,
    submitted_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         integer     NOT NULL DEFAULT 0
);

CREATE INDEX petition_by_petitioner ON petition (petitioner_id, submitted_at DESC, id DESC);
CREATE INDEX petition_by_time ON petition (submitted_at DESC, id DESC);

-- Status changes after submission (the submission itself is the petition row).
CREATE TABLE petition_timeline (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    petition_id     uuid        NOT NULL REFERENCES petition (id),
    status          text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor_type      text        NOT NULL,
    actor_name      text,
    note            text,
    -- the event that caused the change, so a redelivered event changes nothing
    source_event_id uuid UNIQUE
);

CREATE INDEX petition_timeline_by_petition ON petition_timeline (petition_id, occurred_at, id);

-- Idempotency-Key (IETF httpapi draft): one row per caller and key, kept at least 24 hours.
CREATE TABLE idempotency_key (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    response_status integer,
    response_body   text,
    location        text,
    created_at      timestamptz NOT NULL,
    lease_until     timestamptz NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
