-- What the citizen sees of the case: the handling unit (by name), the answer deadline and the reply.
ALTER TABLE petition
    ADD COLUMN unit_name_zh    text,
    ADD COLUMN unit_name_en    text,
    ADD COLUMN answer_deadline timestamptz,
    ADD COLUMN reply           text,
    ADD COLUMN answered_at     timestamptz;
