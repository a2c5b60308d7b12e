-- Returns and rulings, transfers, co-handling, extensions, reminders and escalation, reopening.
ALTER TABLE petition_case
    ADD COLUMN assigned_at            timestamptz,
    ADD COLUMN return_deadline        timestamptz,
    ADD COLUMN previous_unit_id       text REFERENCES unit (id),
    ADD COLUMN final_ruling           boolean NOT NULL DEFAULT false,
    ADD COLUMN flagged                boolean NOT NULL DEFAULT false,
    ADD COLUMN flag_reason            text,
    ADD COLUMN extension_status       text CHECK (extension_status IN ('PENDING', 'APPROVED', 'DENIED')),
    ADD COLUMN extension_days         integer,
    ADD COLUMN extension_reason       text,
    ADD COLUMN reminded_at            timestamptz,
    ADD COLUMN escalated_at           timestamptz,
    ADD COLUMN escalated_to           text REFERENCES unit (id),
    ADD COLUMN supervised_by          text REFERENCES unit (id);

UPDATE petition_case SET assigned_at = dispatched_at, return_deadline = sign_deadline;
ALTER TABLE petition_case ALTER COLUMN assigned_at SET NOT NULL, ALTER COLUMN return_deadline SET NOT NULL;

-- The escalation job looks for open cases by deadline.
CREATE INDEX case_open_by_deadline ON petition_case (answer_deadline) WHERE status <> 'ANSWERED';

CREATE TABLE case_co_unit (
    case_id   uuid        NOT NULL REFERENCES petition_case (id),
    unit_id   text        NOT NULL REFERENCES unit (id),
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, unit_id)
);

CREATE INDEX case_co_unit_by_unit ON case_co_unit (unit_id);
