-- 内部备注: notes the handling unit, its co-handlers and the governance centre over a case keep on
-- it for each other. Never in an event (events reach petition-service and the citizen's timeline),
-- never in the case history, never shown to the petitioner or to auditors.
CREATE TABLE case_note (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         uuid        NOT NULL REFERENCES petition_case (id),
    text            text        NOT NULL,
    author          text        NOT NULL,
    author_unit_id  text        NOT NULL REFERENCES unit (id),
    created_at      timestamptz NOT NULL
);

CREATE INDEX case_note_by_case ON case_note (case_id, created_at, id);
