-- assignment-service owns this database: units, routing rules, the working-day calendar and cases.

-- District-level regions and towns, as far as dispatch needs them (reference data, loaded here too:
-- services share no tables).
CREATE TABLE region (
    code        text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    parent_code text REFERENCES region (code)
);

-- Government units in three levels; parent_id is the supervising unit.
CREATE TABLE unit (
    id              text PRIMARY KEY,
    name_zh         text        NOT NULL,
    name_en         text        NOT NULL,
    level           text        NOT NULL CHECK (level IN ('CITY', 'DISTRICT', 'TOWN')),
    kind            text        NOT NULL CHECK (kind IN ('GOVERNANCE_CENTRE', 'DEPARTMENT', 'TOWN_OFFICE')),
    department      text,
    region_code     text REFERENCES region (code),
    parent_id       text REFERENCES unit (id),
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX unit_by_region ON unit (region_code, kind);

-- Routing rules as data. A change is a new version with its own effective time, never an edit.
CREATE TABLE routing_rule (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_code   text        NOT NULL,
    region_code     text        NOT NULL REFERENCES region (code),
    version         integer     NOT NULL,
    lead_unit_id    text        NOT NULL REFERENCES unit (id),
    co_unit_ids     text[]      NOT NULL DEFAULT '{}',
    effective_from  timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL DEFAULT 'migration',
    UNIQUE (category_code, region_code, version)
);

-- China's public holidays and make-up working days (调休), and which years are published.
CREATE TABLE calendar_day (
    day     date PRIMARY KEY,
    kind    text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name    text NOT NULL
);

CREATE TABLE calendar_year (
    year        integer PRIMARY KEY,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- A case: one petition's handling by units.
CREATE TABLE petition_case (
    id                  uuid PRIMARY KEY,
    petition_id         uuid        NOT NULL UNIQUE,
    tracking_number     text        NOT NULL,
    petitioner_id       text        NOT NULL,
    title               text        NOT NULL,
    category_code       text        NOT NULL,
    handling            text        NOT NULL,
    region_code         text        NOT NULL,
    town_code           text,
    status              text        NOT NULL,
    lead_unit_id        text        NOT NULL REFERENCES unit (id),
    routing_rule_id     bigint REFERENCES routing_rule (id),
    routing_rule_version integer,
    routed_by_fallback  boolean     NOT NULL,
    dispatched_at       timestamptz NOT NULL,
    sign_deadline       timestamptz NOT NULL,
    answer_deadline     timestamptz NOT NULL,
    -- true when a deadline reaches into a year whose holidays are not published yet (weekends only)
    calendar_incomplete boolean     NOT NULL DEFAULT false,
    signed_at           timestamptz,
    answered_at         timestamptz,
    reply               text,
    return_count        integer     NOT NULL DEFAULT 0,
    reopen_count        integer     NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL,
    version             integer     NOT NULL DEFAULT 0
);

CREATE INDEX case_by_unit ON petition_case (lead_unit_id, status, answer_deadline);
CREATE INDEX case_by_region ON petition_case (region_code, status, answer_deadline);

-- Every transition: who, when, why.
CREATE TABLE case_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES petition_case (id),
    action      text        NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    unit_id     text REFERENCES unit (id),
    actor       text        NOT NULL,
    reason      text,
    occurred_at timestamptz NOT NULL
);

CREATE INDEX case_history_by_case ON case_history (case_id, occurred_at, id);

-- Events already processed (idempotent consumers): an event id seen twice changes nothing.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
