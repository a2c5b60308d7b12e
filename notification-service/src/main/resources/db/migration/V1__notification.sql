-- notification-service: what each petition is (from petition.submitted), the notifications it made,
-- their deliveries on the external channels, and each recipient's preferences.

CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- From org.minhu.petition.submitted: whom to tell, and what the petition is called. No contact details.
CREATE TABLE petition_ref (
    petition_id     uuid PRIMARY KEY,
    petitioner_id   text        NOT NULL,
    tracking_number text        NOT NULL,
    title           text        NOT NULL,
    category_code   text        NOT NULL,
    region_code     text        NOT NULL,
    handling        text        NOT NULL,
    submitted_at    timestamptz NOT NULL
);

-- One message to one recipient: a citizen's subject or unit:<unitId>. Rendered when read or sent, in the
-- reader's locale, from kind + variables. One event never notifies the same recipient of the same kind twice.
CREATE TABLE notification (
    id              uuid PRIMARY KEY,
    recipient       text        NOT NULL,
    kind            text        NOT NULL,
    petition_id     uuid        NOT NULL,
    case_id         uuid,
    variables       jsonb       NOT NULL,
    urgent          boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    read_at         timestamptz,
    source_event_id uuid        NOT NULL,
    CONSTRAINT notification_once UNIQUE (source_event_id, recipient, kind)
);
CREATE INDEX notification_inbox ON notification (recipient, created_at DESC, id DESC);
CREATE INDEX notification_unread ON notification (recipient) WHERE read_at IS NULL;
CREATE INDEX notification_petition ON notification (petition_id);

-- One delivery of a notification on one external channel (EMAIL, WEBHOOK). address is where it goes
-- (used only to send); address_masked is what the API shows.
CREATE TABLE delivery (
    id              uuid PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notification (id),
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    address         text        NOT NULL,
    address_masked  text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'HELD')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at         timestamptz,
    CONSTRAINT delivery_once UNIQUE (notification_id, channel)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'HELD');

-- A recipient's preferences (a citizen's subject, or unit:<unitId> for a unit's staff).
CREATE TABLE preference (
    recipient         text PRIMARY KEY,
    locale            text    NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
    email_address     text,
    email_enabled     boolean NOT NULL DEFAULT false,
    webhook_url       text,
    webhook_enabled   boolean NOT NULL DEFAULT false,
    quiet_start       time    NOT NULL DEFAULT '22:00',
    quiet_end         time    NOT NULL DEFAULT '08:00',
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Open rating windows (from org.minhu.feedback.round-opened): the citizen is told once, 24 h before one closes.
CREATE TABLE rating_window (
    petition_id      uuid        NOT NULL,
    round            int         NOT NULL,
    case_id          uuid        NOT NULL,
    closes_at        timestamptz NOT NULL,
    reminded_at      timestamptz,
    PRIMARY KEY (petition_id, round)
);
CREATE INDEX rating_window_due ON rating_window (closes_at) WHERE reminded_at IS NULL;

-- Sign deadlines (case.assigned / reopened carry signDeadline): the unit is told once before one passes,
-- unless the case was signed (or closed) first.
CREATE TABLE sign_deadline (
    case_id          uuid        NOT NULL,
    unit_id          text        NOT NULL,
    petition_id      uuid        NOT NULL,
    deadline         timestamptz NOT NULL,
    unit_name_zh     text,
    unit_name_en     text,
    done             boolean     NOT NULL DEFAULT false,
    reminded_at      timestamptz,
    PRIMARY KEY (case_id, unit_id, deadline)
);
CREATE INDEX sign_deadline_due ON sign_deadline (deadline) WHERE NOT done AND reminded_at IS NULL;
