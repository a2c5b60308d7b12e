-- 答复模板: a unit's reply templates, for one category or for any (category_code NULL). The body may
-- hold the variables {{trackingNumber}}, {{unitName}}, {{filedDate}} and {{title}}, filled for a case
-- by GET /api/v1/cases/{id}/reply-draft; the clerk edits the draft and sends it as the answer.
CREATE TABLE reply_template (
    id              uuid PRIMARY KEY,
    unit_id         text        NOT NULL REFERENCES unit (id),
    category_code   text REFERENCES category (code),
    title           text        NOT NULL,
    body            text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX reply_template_by_unit ON reply_template (unit_id, category_code);
